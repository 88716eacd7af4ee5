"""Command palette providers: every action of the current screen, and every article."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from annotations.textsafety import inert


class ActionCommands(Provider):
    """Each key binding active on the screen, so anything a key does can be searched for."""

    def _commands(self) -> list[tuple[str, str, object, str]]:
        seen: set[tuple[int, str]] = set()
        commands = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or (id(active.node), binding.action) in seen:
                continue
            seen.add((id(active.node), binding.action))
            display = self.app.get_key_display(binding)
            commands.append((binding.description, binding.action, active.node, display or key))
        return commands

    async def discover(self) -> Hits:
        for description, action, node, key in self._commands():
            yield DiscoveryHit(description, partial(node.run_action, action), help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, action, node, key in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(node.run_action, action),
                          text=description, help=f"key: {key}")


class ArticleCommands(Provider):
    """`Open: <title>` for every article in the library."""

    async def discover(self) -> Hits:
        for article in self.app.library.articles():  # type: ignore[attr-defined]
            text = inert(f"Open: {article.title}")
            yield DiscoveryHit(text, partial(self.app.open_article, article.id),  # type: ignore[attr-defined]
                               help=inert(article.site or article.id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article in self.app.library.articles():  # type: ignore[attr-defined]
            text = inert(f"Open: {article.title}")
            score = matcher.match(f"{text} {article.site} {article.id}")
            if score > 0:
                yield Hit(score, matcher.highlight(text),
                          partial(self.app.open_article, article.id),  # type: ignore[attr-defined]
                          text=text, help=inert(article.site or article.id))


class SuggestionCommands(Provider):
    """`Accept all suggested claims (12)`, and actors and questions, while suggestions show."""

    def _commands(self) -> list[tuple[str, str]]:
        screen = self.screen
        view = getattr(screen, "view", None)
        if view is None or not getattr(view, "show_suggestions", False) \
                or not hasattr(screen, "accept_all"):
            return []
        commands = []
        for kind, plural in (("claim", "claims"), ("actor", "actors"), ("question", "questions")):
            count = sum(1 for s in view.suggestions if s.kind == kind)
            if count:
                commands.append((f"Accept all suggested {plural} ({count})", kind))
        return commands

    async def discover(self) -> Hits:
        for text, kind in self._commands():
            yield DiscoveryHit(text, partial(self.screen.accept_all, kind))  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, kind in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text),
                          partial(self.screen.accept_all, kind),  # type: ignore[attr-defined]
                          text=text)
