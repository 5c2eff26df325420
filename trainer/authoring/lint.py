"""Checks beyond the schema (`trainer validate --strict`): things that are allowed but are
probably mistakes. Each warning is pinned to a line like any problem.

- a branch that can never be taken, because an earlier, broader branch always is first;
- a cue phrase the default rubric already has (it would count twice, or fight the rubric);
- a cue pattern that can search a reply for a very long time (a repetition inside one);
- model replies that, played from the start, do not win the call;
- an ending whose agent line asks a question (the customer cannot answer it);
- an agent line so long that it takes a long time to say;
- a scenario with no tips.
"""

from __future__ import annotations

from collections.abc import Iterator

from trainer.call.dialogue import Call, ended_by_turn_limit
from trainer.scenario.library import ScenarioFile
from trainer.scenario.model import Comparison, Condition, Scenario
from trainer.scoring.pattern_gate import nested_repeat, overlapping_alternation
from trainer.scoring.patterns import PATTERN_TIME_LIMIT
from trainer.scoring.rubric import Cue
from trainer.scoring.scorer import default_rubric
from trainer.support.problems import Loc, Problem
from trainer.support.settings import DEFAULT_PACE

SHOWN_PHRASES = 3
"""Shared phrases named in one warning; the rest are counted."""
LONGEST_LINE = 280
"""Characters: about 19 s at the default pace of the call screen."""
WARNING = "warning: "
_NUMBERS = {"turn": range(1, 101)}
_SCORES = range(0, 101)
_COMPARED = ("politeness", "firmness", "evidence", "open_questions", "overall", "turn")

Finding = tuple[Loc, str]
"""A key path and what looks wrong there."""


def lint_problems(loaded: ScenarioFile) -> list[Problem]:
    """The warnings about a valid scenario file, each at its line, as problems."""
    if loaded.scenario is None or loaded.document is None:
        return []
    return [
        loaded.document.problem(loc, WARNING + message) for loc, message in lint(loaded.scenario)
    ]


def lint(scenario: Scenario) -> list[Finding]:
    """Everything that looks like a mistake in a valid scenario."""
    return [
        *_shadowed_branches(scenario),
        *_rubric_phrases(scenario),
        *_slow_patterns(scenario),
        *_model_replies(scenario),
        *_agent_lines(scenario),
        *_tips(scenario),
    ]


# Branches ---------------------------------------------------------------------------------


def _shadowed_branches(scenario: Scenario) -> Iterator[Finding]:
    """Branches an earlier, broader branch always takes first. (A branch after the default
    one is already an error of the schema.)"""
    for node_id, node in scenario.nodes.items():
        for later_index, later in enumerate(node.branches):
            for earlier_index, earlier in enumerate(node.branches[:later_index]):
                if earlier.when and always_holds(earlier.when):
                    message = f"never taken: branch [{earlier_index}] before it always holds"
                elif earlier.when and later.when and implies(later.when, earlier.when):
                    message = (
                        f"never taken: branch [{earlier_index}] before it holds whenever it does"
                    )
                else:
                    continue
                yield ("nodes", node_id, "branches", later_index), message
                break


def always_holds(condition: Condition) -> bool:
    """Whether the condition holds on every turn, whatever is said (`turn = ">= 1"`);
    False when that cannot be told."""
    if condition.mentions is not None or condition.not_ is not None:
        return False
    if condition.all_of and not all(always_holds(part) for part in condition.all_of):
        return False
    if condition.any_of and not any(always_holds(part) for part in condition.any_of):
        return False
    for key in _COMPARED:
        wanted: Comparison | None = getattr(condition, key)
        if wanted is not None and not all(wanted.holds(n) for n in _NUMBERS.get(key, _SCORES)):
            return False
    return True


def implies(narrow: Condition, broad: Condition) -> bool:
    """Whether `narrow` holding means `broad` holds too (False when that cannot be told)."""
    if narrow == broad:
        return True
    if broad.all_of or broad.any_of or broad.not_ or narrow.any_of or narrow.not_:
        return False
    if narrow.all_of:
        return any(implies(part, broad) for part in narrow.all_of)
    for key in _COMPARED:
        wanted: Comparison | None = getattr(broad, key)
        if wanted is None:
            continue
        given: Comparison | None = getattr(narrow, key)
        values = _NUMBERS.get(key, _SCORES)
        if given is None or not all(wanted.holds(n) for n in values if given.holds(n)):
            return False
    if broad.mentions is not None:
        return narrow.mentions is not None and set(narrow.mentions) <= set(broad.mentions)
    return True


# Cues -------------------------------------------------------------------------------------


def _rubric_phrases(scenario: Scenario) -> Iterator[Finding]:
    """Phrases of the scenario's cues that a default-rubric cue of the same dimension has:
    a reply saying one scores both cues."""
    known: dict[tuple[str, str], Cue] = {}
    rubric = default_rubric()
    for cue in rubric.cues:
        for phrase in cue.phrases or ():
            known.setdefault((cue.dimension, _folded(phrase)), cue)
    # A phrase that shows an act scores the cues of that act ("supervisor": asks for one).
    for rule in rubric.acts:
        for cue in rubric.cues:
            if cue.act == rule.act:
                for phrase in rule.phrases or ():
                    known.setdefault((cue.dimension, _folded(phrase)), cue)
    for loc, cue in _scenario_cues(scenario):
        # One warning for each rubric cue a scenario cue overlaps, at the first shared phrase.
        shared: dict[str, tuple[Cue, list[tuple[int, str]]]] = {}
        for index, phrase in enumerate(cue.phrases or ()):
            rubric_cue = known.get((cue.dimension, _folded(phrase)))
            if rubric_cue is not None:
                shared.setdefault(rubric_cue.label, (rubric_cue, []))[1].append((index, phrase))
        for rubric_cue, phrases in shared.values():
            quoted = [f'"{phrase}"' for _, phrase in phrases]
            if len(quoted) > SHOWN_PHRASES:
                quoted = [*quoted[:SHOWN_PHRASES], f"{len(quoted) - SHOWN_PHRASES} more"]
            listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
            verb, reply = ("is", "it") if len(phrases) == 1 else ("are", "one")
            yield (
                (*loc, "phrases", phrases[0][0]),
                f'{listed} {verb} also in the default rubric ("{rubric_cue.label}", '
                f"{rubric_cue.dimension} {rubric_cue.weight:+d}), so a reply saying {reply} "
                "scores both",
            )


def _slow_patterns(scenario: Scenario) -> Iterator[Finding]:
    """Patterns with a repetition inside a repetition: on a reply they do not match they can
    run until the time limit stops them, and then count as not matching."""
    for loc, cue in _scenario_cues(scenario):
        if cue.pattern is not None and nested_repeat(cue.pattern):
            yield (
                (*loc, "pattern"),
                "a repetition inside a repetition, like (\\w+\\s?)+, can search a reply it "
                f"does not match for a very long time; after {PATTERN_TIME_LIMIT * 1000:.0f} ms "
                "it counts as no match. Repeat a character class instead, like [\\w\\s]+",
            )
        elif cue.pattern is not None and overlapping_alternation(cue.pattern):
            yield (
                (*loc, "pattern"),
                "a repetition of alternatives that can start on the same character, like "
                "(\\w|\\w\\w|\\s)+, can split a reply between them in very many ways and "
                "search it for a very long time; it then counts as no match. Repeat one "
                "character class instead, like [\\w\\s]+",
            )


def _scenario_cues(scenario: Scenario) -> list[tuple[Loc, Cue]]:
    """Every cue of the scenario with its key path: the scenario's, then each node's."""
    places: list[tuple[Loc, Cue]] = [
        (("cues", index), cue) for index, cue in enumerate(scenario.cues)
    ]
    for node_id, node in scenario.nodes.items():
        places += [(("nodes", node_id, "cues", index), cue) for index, cue in enumerate(node.cues)]
    return places


def _folded(phrase: str) -> str:
    return " ".join(phrase.lower().split())


# Model replies ----------------------------------------------------------------------------


def _model_replies(scenario: Scenario) -> Iterator[Finding]:
    """Play each node's model reply from the start: a strong caller should win."""
    call = Call(scenario, 0)
    while not call.finished:
        model = scenario.nodes[call.node].model_reply
        if model is None:
            return  # a node without a model reply: nothing to say about the route
        call.reply(model)
    if call.outcome == "win" or not call.turns:
        return
    last = call.turns[-1]
    route = " > ".join([scenario.start, *(turn.next_node for turn in call.turns)])
    limit = (
        f", ended by the turn limit of {scenario.turn_limit}"
        if ended_by_turn_limit(scenario, call.result())
        else ""
    )
    yield (
        ("nodes", last.node, "model_reply"),
        f"the model replies, played from the start, end in a {call.outcome} ({route}{limit}); "
        "a model reply should take the winning path",
    )


# Agent lines ------------------------------------------------------------------------------


def _agent_lines(scenario: Scenario) -> Iterator[Finding]:
    for node_id, node in scenario.nodes.items():
        for index, line in enumerate(node.say):
            loc = ("nodes", node_id, "say", index)
            if node.outcome is not None and "?" in line:
                yield (
                    loc,
                    "the call ends here, but the line asks a question the customer cannot answer",
                )
            if len(line) > LONGEST_LINE:
                seconds = round(len(line) / DEFAULT_PACE)
                yield (
                    loc,
                    f"a line of {len(line)} characters takes about {seconds} s to say; "
                    f"keep lines under {LONGEST_LINE}",
                )


def _tips(scenario: Scenario) -> Iterator[Finding]:
    if not scenario.tips:
        yield (("tips",), "no tips: the briefing has nothing to offer someone new to this call")
