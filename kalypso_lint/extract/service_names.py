"""What names a service, a topic or a device on a clinic's page (issue 13, real-page precision).

Real clinic pages read as claims in their headings, links and menus: "Malaria Prevention"
on a pharmacy's travel page, "Allergy Shots" in an ENT's menu, "Managing Glaucoma" over an
eye clinic's section, "Hearing Aids" before a menu's next item. Each is a service or a topic
named, which a page that sells a product would say as a claim: the readings here are
product-only (a claim on a product page, seller.py), never dropped. The words are data
(data/service_names.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.wordlists import word_table

DATA_FILE = "service_names.yaml"
# A title is short: a heading, a link, a menu entry, an eyebrow line over a section, in
# whatever element the page puts it.
_TITLE_WORDS = 8


@dataclass(frozen=True)
class ServiceNames:
    noun_compounds: tuple[tuple[str, ...], ...]
    service_nouns: frozenset[str]
    means_words: frozenset[str]
    general_diseases: frozenset[str]
    administered_names: frozenset[str]
    topic_gerunds: frozenset[str]
    topic_prefixes: tuple[tuple[str, ...], ...]
    topic_tail: int
    promise_words: frozenset[str]
    call_verbs: frozenset[str]
    avoid_verbs: frozenset[str]
    avoid_openers: frozenset[str]
    passive_auxiliaries: frozenset[str]
    subject_verbs: frozenset[str]
    topic_separators: frozenset[str]
    subject_openers: frozenset[str]
    people_words: frozenset[str]
    service_wording: tuple[tuple[str, ...], ...]
    procedure_symptoms: frozenset[str]
    procedure_words: tuple[tuple[str, ...], ...]
    procedure_fillers: frozenset[str]
    aftercare_symptoms: frozenset[str]
    aftercare_words: tuple[tuple[str, ...], ...]
    research_topic_words: frozenset[str]
    test_study_words: frozenset[str]


@cache
def service_names() -> ServiceNames:
    return word_table(ServiceNames, shared_data_file(DATA_FILE))


@cache
def _compounds_by_word() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """Each word of a noun compound: the compounds that hold it, with its place in each (a
    word in none, most anchor words, is passed over at once)."""
    table: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for compound in service_names().noun_compounds:
        for offset, word in enumerate(compound):
            table.setdefault(word, []).append((offset, compound))
    return {word: tuple(places) for word, places in table.items()}


def in_noun_compound(words: list[str], i: int) -> bool:
    """Whether words[i] is part of a noun such as "hearing aids" or "lower back"."""
    for offset, compound in _compounds_by_word().get(words[i], ()):
        start = i - offset
        if start >= 0 and tuple(words[start : start + len(compound)]) == compound:
            return True
    return False


def names_a_service(words: list[str], i: int) -> bool:
    """Whether the protective noun at words[i], after a disease, names a service ("Malaria
    Prevention for travellers"), not what a named means does ("Flu Prevention with Vitamin C
    Drips")."""
    names = service_names()
    if words[i] not in names.service_nouns or i == 0 or words[i - 1] in names.general_diseases:
        return False
    return not (i + 1 < len(words) and words[i + 1] in names.means_words)


def names_a_topic(words: list[str], start: int, end: int, last: str) -> bool:
    """Whether a claim in words[start:end] opened by a gerund ("Managing Glaucoma") names a
    topic: a short title (a heading, a link, an eyebrow line, after a breadcrumb's
    separator), or the subject of a verb ("Preventing gum disease is a matter of habits").
    `last` is the sentence's last character."""
    names = service_names()
    before = [w for w in words[:start] if w.strip()]
    # "Understanding and Managing Dry Eye" opens with the topic's own pair (round 2).
    prefix = next((p for p in names.topic_prefixes if tuple(before[-len(p) :]) == p), ())
    if prefix:
        before = before[: -len(prefix)]
    if words[start] in names.call_verbs:
        return _call_to_action(words, start, before, last)
    if words[start] not in names.topic_gerunds:
        return False
    # "support for individuals dealing with PTSD": the participle describes the people.
    if before and before[-1] in names.people_words:
        return True
    after = [w for w in words[end:] if w.strip()]
    # "Treating acne naturally requires patience", "Whether your pain is new or old,
    # treating it with pills alone is no answer", "The first step when treating acne is
    # ...": the gerund is the subject of a verb, or the time of one.
    opens = not before or before[-1] in names.topic_separators
    if (opens or before[-1] in names.subject_openers) and any(
        w in names.subject_verbs for w in _until_break(after)[:3]
    ):
        return True
    if not opens:
        return False
    # A title ends with the topic, or at a separator ("Managing Rosacea | Riverton Skin"),
    # after a few more words of it ("Treating Blepharitis or Dry Eye", "Managing Back Pain
    # Effectively: Five Tips"; round 2); "Dealing with eczema, the gentle way" goes on to
    # promise a manner, "Treating acne with our gel" names a means.
    tail = _until_separator(after)
    if len(tail) > names.topic_tail or "," in tail or not names.means_words.isdisjoint(tail):
        return False
    # A subtitle after the separator is a title of its own ("...: Tips You Can Try"),
    # unless it praises what the title names ("...: Techniques That Really Work").
    if not names.promise_words.isdisjoint(after[len(tail) :]):
        return False
    length = sum(1 for w in words[:end] if w.isalpha()) + sum(1 for w in tail if w.isalpha())
    return last not in (".", "!", "?") and length <= _TITLE_WORDS


_HELP_FORMS = frozenset({"help", "helps"})


def procedure_comfort(words: list[str], anchor: int, end: int) -> bool:
    """Whether the claim at words[anchor:end] is comfort in a procedure's instructions: "to"
    and the verb, only symptoms of a procedure after it ("to minimize any pain"), and the
    procedure or its care named in the sentence ("numbing cream is applied beforehand")."""
    names = service_names()
    # "to help reduce swelling" reads as "to reduce swelling" (round 3).
    verb = anchor + 1 if words[anchor] in _HELP_FORMS and anchor + 1 < end else anchor
    helped = anchor > 1 and words[anchor - 1] in _HELP_FORMS and words[anchor - 2] == "to"
    if not helped and (anchor == 0 or words[anchor - 1] != "to"):
        return False
    objects = [w for w in words[verb + 1 : end] if w.isalpha() or "-" in w]
    if not objects:
        return False
    fillers = names.procedure_fillers
    if all(w in names.procedure_symptoms or w in fillers for w in objects) and _names_phrase(
        words, names.procedure_words
    ):
        return True
    symptoms = names.procedure_symptoms | names.aftercare_symptoms
    if all(w in symptoms or w in fillers for w in objects):
        return _names_phrase(words, names.aftercare_words)
    return False


def _names_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(
        tuple(words[j : j + len(p)]) == p for p in phrases for j in range(len(words) - len(p) + 1)
    )


def _call_to_action(words: list[str], start: int, before: list[str], last: str) -> bool:
    """ "Protect Your Vision Today" as a short title: the imperative opens it, "your" follows,
    and no means is named."""
    names = service_names()
    if before and before[-1] not in names.topic_separators:
        return False
    if words[start + 1 : start + 2] != ["your"]:
        return False
    # The title's own words, before a subtitle ("Protecting Your Eyes: What to Know"), which
    # may not praise (round 2).
    title = words[: start + 1] + _until_separator(words[start + 1 :])
    subtitle = words[len(title) :]
    if not names.means_words.isdisjoint(title) or not names.promise_words.isdisjoint(subtitle):
        return False
    length = sum(1 for w in title if w.isalpha())
    return last not in (".", "!", "?") and length <= _TITLE_WORDS


def advised_avoidance(words: list[str], i: int, clause: int) -> bool:
    """Whether "avoid" at words[i] advises ("Avoid blood thinners before the procedure",
    "must be avoided after surgery") rather than offering a substitute for a drug."""
    names = service_names()
    if words[i] not in names.avoid_verbs or not names.means_words.isdisjoint(words[i + 1 :]):
        return False
    # "Please avoid aspirin ...": a word of politeness or order may open the imperative.
    opening = all(not w.isalnum() or w in names.avoid_openers for w in words[clause:i])
    passive = i > 0 and words[i - 1] in names.passive_auxiliaries
    return opening or passive


def names_research(span: Span) -> bool:
    """Whether a study phrase names research rather than telling a result: an article's topic
    ("What the Research Shows About ..."), a kind of care ("Evidence-based support"), or a
    test ("a sleep study confirms ...")."""
    names = service_names()
    doc = span.doc
    before = [t.lower_ for t in doc[max(span.sent.start, span.start - 3) : span.start]]
    # A title or a question only: "Here is what studies show: ..." goes on to tell results.
    titled = span.sent.text.rstrip()[-1:] not in (".", "!", ":") and not any(
        t.text == ":" for t in doc[span.end : span.sent.end]
    )
    if titled and not names.research_topic_words.isdisjoint(before):
        return True
    if before and before[-1] in names.test_study_words:
        return True
    return len(span) > 2 and span[1].text in ("-", "‐") and span[2].lower_ == "based"


def _until_separator(words: list[str]) -> list[str]:
    """The words before the first separator of a title or a stop; a hyphen is read as part
    of a word ("Flare-Ups")."""
    stops = (service_names().topic_separators - {"-"}) | {".", "!", "?"}
    for j, word in enumerate(words):
        if word in stops:
            return words[:j]
    return words


def _until_break(words: list[str]) -> list[str]:
    """The words before the first comma, dash or semicolon."""
    for j, word in enumerate(words):
        if word in (",", ";", "—", "–", "(", ":"):
            return words[:j]
    return words
