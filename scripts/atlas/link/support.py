"""How many stories and outlets carry a relation's evidence. Pure.

Copies of one story count once as a story (they are one story, grouped by the copy search),
but each copy's publisher is one more outlet: a syndicated copy from a new outlet raises the
outlets, not the stories; a second story from another outlet raises both. A publisher is
known by its media page when the catalog has one (so "AFP" and "Agence France-Presse" are
one outlet), else by its name; an article with no publisher is an outlet of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from atlas.link.corpus import Corpus
from atlas.link.relations import Relation
from atlas.model import Article


@dataclass(frozen=True)
class Support:
    stories: int
    outlets: int

    @property
    def single_source(self) -> bool:
        return self.stories == 1

    def label(self) -> str:
        """'3 stories, 5 outlets'; 'single source' (and its outlets, when copies add some)."""
        outlets = f"{self.outlets} outlet{'s' if self.outlets != 1 else ''}"
        if self.single_source:
            return "single source" + (f", {outlets}" if self.outlets > 1 else "")
        return f"{self.stories} stories, {outlets}"


def support(relations: Iterable[Relation], corpus: Corpus) -> Support:
    """The stories citing any of the relations' words, and the outlets that published them."""
    stories = {anchor.article for relation in relations for anchor in (relation.anchor, *relation.also)}
    outlets = {
        outlet_of(article, corpus)
        for story in stories
        for article in (corpus.article_by_slug[story], *corpus.copies.get(story, ()))
    }
    return Support(len(stories), len(outlets))


def outlet_of(article: Article, corpus: Corpus) -> str:
    if not article.publisher:
        return f"article:{article.slug}"
    page = corpus.named(article.publisher, "media")
    return f"media:{page.slug}" if page else "name:" + " ".join(article.publisher.casefold().split())
