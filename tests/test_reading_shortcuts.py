"""The shortcuts of issue 16 (session 7, round 5): a data file parsed once for the readers
that share it, a cue's phrases indexed by their first word, the onset phrases' words as a
first test. Each gives what the longer way gives."""

from __future__ import annotations

from kalypso_lint.data import load_data_file, shared_data_file
from kalypso_lint.extract.cues import GAP, CueClass
from kalypso_lint.extract.promises import onset_claim, promise_lexicon


def test_a_shared_data_file_is_parsed_once_and_equals_a_fresh_parse() -> None:
    first = shared_data_file("claim_structure.yaml")
    assert shared_data_file("claim_structure.yaml") is first
    assert first == load_data_file("claim_structure.yaml")
    # load_data_file still gives a copy of one's own (claim_cues() pops from its copy).
    assert load_data_file("claim_structure.yaml") is not first


def _slow_found_in(cue: CueClass, words: list[str], start: int, end: int) -> bool:
    """found_in as it was written before the index: every phrase at every position."""
    end = min(end, len(words))
    for phrase in cue.phrases:
        if GAP in phrase:
            continue
        for i in range(max(start, 0), end - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase and (
                (words[i + len(phrase)] if i + len(phrase) < len(words) else "")
                not in cue.unless_next
            ):
                return True
    return False


def test_found_in_by_first_word_finds_what_every_phrase_at_every_word_finds() -> None:
    cue = CueClass(
        name="test",
        scope="near",
        phrases=(("do", "not"), ("not",), ("never", "use"), ("no", "pill", "can")),
        unless_next=frozenset({"only"}),
    )
    sentences = [
        ["you", "should", "not", "use", "this", "for", "colds"],
        ["it", "is", "not", "only", "for", "colds"],
        ["never", "use", "it", "on", "a", "rash"],
        ["no", "pill", "can", "cure", "a", "cold"],
        ["no", "pill", "will", "cure", "a", "cold"],
        ["it", "cures", "colds"],
    ]
    for words in sentences:
        for start in range(-2, len(words) + 1):
            for end in range(start, len(words) + 3):
                expected = _slow_found_in(cue, words, start, end)
                assert cue.found_in(words, start, end) == expected, (words, start, end)


def test_found_in_keeps_a_phrase_inside_the_window() -> None:
    cue = CueClass(name="test", scope="near", phrases=(("no", "pill", "can"),))
    words = ["no", "pill", "can", "cure", "a", "cold"]
    assert cue.found_in(words, 0, 3)
    assert not cue.found_in(words, 0, 2)  # the phrase runs past the window's end
    assert not cue.found_in(words, 1, 6)  # and here starts before it


def test_phrase_at_reads_only_phrases_that_start_at_the_word() -> None:
    cue = CueClass(name="test", scope="near", phrases=(("do", "not"), ("not", "ever")))
    words = ["please", "do", "not", "ever", "do", "that"]
    assert cue.phrase_at(words, 1) and cue.phrase_at(words, 2)
    assert not cue.phrase_at(words, 0)
    assert not cue.phrase_at(words, 4)  # "do that"
    assert not cue.phrase_at(words, 6) and not cue.phrase_at(words, -9)  # no word there


def test_an_onset_phrase_is_found_from_each_of_its_words_and_from_no_other() -> None:
    lex = promise_lexicon()
    phrase = lex.onset_phrases[0]
    use = sorted(lex.onset_uses)[0]
    words = [use, "two", *phrase, "a", "cold"]
    start = 2
    for i in range(start, start + len(phrase)):
        assert words[i] in lex.onset_words
        assert onset_claim(words, i, lex) == (start, start + len(phrase))
    assert onset_claim(words, 1, lex) is None  # "two" opens no onset phrase
    assert onset_claim(words, len(words) - 1, lex) is None
