"""Rehearse hard customer-service calls before making them.

The package is grouped by feature, and its folders are layers: a folder imports only from
the folders below it (ARCHITECTURE.md draws them; `lint-imports` checks them):

    cli > ui > authoring | progress | practice > history > call > scenario > scoring > support

Every folder but `ui` is the core: plain Python that never imports Textual or Rich (but for
`cli.screens`, which starts the screens when `trainer` runs in a terminal). Only `history`
imports `sqlite3`.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "score"]


def score(text: str, scenario: str | None = None) -> dict[str, object]:
    """Score one reply: the object `trainer score --json` prints for it (scores, cues, acts).

    With `scenario` (an id from the library), its own cues and weights count too; an id the
    library does not have raises LookupError.
    """
    from trainer.scoring.scorer import default_scorer

    scorer = default_scorer()
    if scenario is not None:
        from trainer.scenario.library import default_folders, load_library

        found = load_library(default_folders()).get(scenario)
        if found is None:
            raise LookupError(f"no scenario {scenario!r} in the library")
        scorer = scorer.extended(found.cues, found.weights)
    return scorer.score(text).as_json()
