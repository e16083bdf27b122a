"""Link records: mentions, relations with evidence, and the views across articles. Pure."""
