"""Claim rules (claims.py, cues.py) through the real shipped model: speech-act objects,
reporting nouns, scopes, a quote's cue reporting nothing else, trailing marks."""

from __future__ import annotations

import pytest

from quotetrack.lexicon import reporting_nouns, speech_verb
from quotetrack.records import Quote
from tests.nlp import parsed, run


def _scoped(text: str, scope: str) -> tuple[Quote, ...]:
    from quotetrack.pipeline import extract
    from quotetrack.records import Article

    return extract(Article("t", text), parsed(text), False, scope).quotes  # type: ignore[arg-type]


def test_claims_object_of_speech_act_is_content_in_attributions_scope() -> None:
    text = "The senator attacked the new tax plan for its cost to working families."
    assert run(text).quotes == ()  # a speech act about a thing asserts nothing
    quotes = _scoped(text, "attributions")
    assert [(q.kind, q.cue.lemma if q.cue else None) for q in quotes] == [
        ("indirect", "attack")]
    assert quotes[0].text.startswith("the new tax plan")
    assert "working families" in quotes[0].text  # the object runs through its complement


def test_claims_preposition_belongs_to_cue() -> None:
    quotes = _scoped("The union called for a higher minimum wage in every state.",
                     "attributions")
    assert [q.text for q in quotes] == ["a higher minimum wage in every state"]


def test_claims_stance_objects_only_in_attributions_scope() -> None:
    text = "The newspaper endorsed Hillary Clinton for president last week."
    assert _scoped(text, "claims") == ()
    assert [q.cue.lemma for q in _scoped(text, "attributions") if q.cue] == ["endorse"]


def test_claims_reporting_noun_with_that_clause() -> None:
    text = "Trump made the claim that the election had been rigged against him."
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["the election had been rigged against him"]
    assert quotes[0].speaker == "Trump" and quotes[0].cue is not None
    assert quotes[0].cue.lemma == "claim"


def test_claims_attitude_noun_needs_attributions_scope() -> None:
    text = "Voters shared the belief that the economy was getting worse every year."
    assert _scoped(text, "claims") == ()
    assert len(_scoped(text, "attributions")) == 1


def test_claims_cue_of_a_direct_quote_reports_nothing_else() -> None:
    text = ('"We will not back down on this issue," Trump said at a rally in Ohio '
            "on Friday evening.")
    quotes = run(text).quotes
    assert [q.kind for q in quotes] == ["direct"]


def test_claims_inverted_speaker_and_appositive_are_not_content() -> None:
    text = ('"These are strange days," said Peter Morgan, a lawyer for the Sierra Club, '
            'who has been challenging the coal industry for years. '
            '"I am skeptical he can pull it off."')
    quotes = run(text).quotes
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker == "Peter Morgan" and len(quotes[0].segments) == 2


def test_claims_quote_closing_after_the_claim_makes_it_mixed() -> None:
    text = 'She says the tweets about the former pageant winner are "lies."'
    quotes = run(text).quotes
    assert [q.kind for q in quotes] == ["mixed"]
    assert quotes[0].text.endswith("lies")


def test_claims_lexicon_prepositions_and_nouns_are_data() -> None:
    refer = speech_verb("refer")
    assert refer is not None and "to" in refer.preps and "object" in refer.frames
    endorse = speech_verb("endorse")
    assert endorse is not None and endorse.frames == frozenset({"stance"})
    assert reporting_nouns()["claim"] == "claim"
    assert reporting_nouns()["belief"] == "attribution"


def test_claims_clause_before_cue_after_sentence_adverb() -> None:
    text = ("However, slower growth in rich nations is being offset by faster growth "
            "elsewhere, the IMF said.")
    quotes = run(text).quotes
    assert len(quotes) == 1 and quotes[0].speaker == "IMF"
    assert quotes[0].text.endswith(
        "slower growth in rich nations is being offset by faster growth elsewhere")


def test_claims_own_clause_after_a_quote_cue_is_a_claim() -> None:
    text = ('"The day that was abrogated was the day this became personal," he said, '
            "adding he would never vote for Clinton.")
    kinds = sorted(q.kind for q in run(text).quotes)
    assert kinds == ["direct", "indirect"]


def test_claims_gerund_content_after_preposition() -> None:
    quotes = _scoped("President Obama called for reducing the corporate tax rate to 28 "
                     "percent.", "attributions")
    assert [q.text for q in quotes] == ["reducing the corporate tax rate to 28 percent"]


def test_claims_say_has_no_addressee_object() -> None:
    text = ("The Indiana governor said Democrats and the media are to blame for the "
            "collapse of the talks.")
    quotes = run(text).quotes
    assert len(quotes) == 1 and quotes[0].speaker == "Indiana governor"
    assert "are to blame" in quotes[0].text


def test_claims_participial_adjunct_is_not_content() -> None:
    text = ("Asked to describe the device that caused the explosion, O'Neill said, "
            '"We are not going to go into that today."')
    quotes = run(text).quotes
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].text == "We are not going to go into that today."


def test_claims_block_quote_after_colon() -> None:
    text = ("The governor added:\n\nIt is typical of her. She knows nothing about "
            "the state and never will.")
    quotes = run(text).quotes
    assert len(quotes) == 1 and quotes[0].speaker == "governor"
    assert quotes[0].text.startswith("It is typical of her.")


def test_claims_saying_borrows_its_subject() -> None:
    text = ("Dean appeared on MSNBC on Tuesday and began by saying he would never "
            "diagnose anyone through television.")
    quotes = run(text).quotes
    assert any("diagnose anyone through television" in q.text and q.speaker == "Dean"
               for q in quotes), [q.as_dict() for q in quotes]


def test_claims_relative_clause_on_the_speaker_is_not_content() -> None:
    text = ("''That's Mexico's vulnerability,'' said Luis Rubio, who heads a research "
            "center in Mexico City. ''There is nothing more important in Mexico than Nafta.''")
    quotes = run(text).quotes
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker == "Luis Rubio" and len(quotes[0].segments) == 2


def test_claims_said_to_is_a_passive_report() -> None:
    text = ("Beyond the indictments said to be expected soon, congressional investigators "
            "have been scrutinizing a report compiled by a former spy.")
    assert run(text).quotes == ()


def _claims(text: str) -> list[str]:
    return [q.text for q in run(text).quotes]


def test_claims_things_requests_refusals_and_threats_are_no_statements() -> None:
    for text in ("The board defended their decision to close the plant in March.",
                 "The minister confirmed the move on Tuesday.",
                 "Officials declined to comment on the report.",
                 "The charity asked the United Nations to help the girls enter the country.",
                 "The union threatened to strike if wages are not raised.",
                 "Kim Min-Woo conceded a penalty in the second half."):
        assert run(text).quotes == (), text
        assert _scoped(text, "attributions"), text  # still there in the wider scope


def test_claims_things_with_quoted_words_are_mixed_quotes() -> None:
    quotes = run('Trump called Clinton "a fraud" at the rally on Monday.').quotes
    assert [(q.kind, q.speaker) for q in quotes] == [("mixed", "Trump")]
    assert '"a fraud"' in quotes[0].text


def test_claims_evidence_verbs_and_embedded_questions_report_no_statement() -> None:
    assert _claims("Photos of the scene showed dozens of damaged cars along the road.") == []
    assert _claims("Results of the study show that crop yields are falling.") == []
    assert _claims("The mayor explained what the new budget would mean for schools.") == []
    assert _claims("The mayor explained that the new budget would close two schools.") == [
        "the new budget would close two schools"]


def test_claims_discourse_marker_is_no_cue() -> None:
    assert _claims("That said, the company expects profits to rise next year.") == []
    assert _claims("Having said that, we still think the plan will work.") == []


def test_claims_content_leaves_the_complementizer_to_the_cue() -> None:
    assert _claims("The minister said that taxes would rise next year.") == [
        "taxes would rise next year"]


def test_claims_relative_clause_stays_in_the_reported_clause() -> None:
    (text,) = _claims("Ukraine's president has insisted that the monitors should patrol the "
                      "eastern border, where fighters and weapons are shipped in and out.")
    assert text.endswith("where fighters and weapons are shipped in and out")


def test_claims_inverted_speaker_and_appositive() -> None:
    quotes = run('"Demand for new cars fell sharply in the spring," said Mike Hawes, the '
                 "SMMT's chief executive.").quotes
    assert [q.kind for q in quotes] == ["direct"]
    assert _claims("Car sales fell again last month, said Mike Hawes, the SMMT's chief "
                   "executive.") == ["Car sales fell again last month"]


def test_claims_stated_without_that() -> None:
    assert _claims("Police stated Montalvo left the company in Los Angeles on "
                   "September 24.") == ["Montalvo left the company in Los Angeles on September 24"]


def test_claims_that_clause_after_a_topic_or_addressee() -> None:
    assert _claims("Smith said of his time at the bank that he had never seen such "
                   "losses.") == ["he had never seen such losses"]
    assert _claims("The report theorized a denial-of-service attack had occurred on the "
                   "site.") == ["a denial-of-service attack had occurred on the site"]


def test_claims_that_before_a_non_nominal_is_the_complementizer() -> None:
    (text,) = _claims("The report said that, over the last five years, exports had doubled.")
    assert text.startswith("over the last five years")


@pytest.mark.parametrize("text", [
    "Asked whether the city would pay, Mayor Ann Lee said it will.",
    "Asked if they still work nights, the nurses said they do.",
    "Asked whether he had seen the memo, Tom Reyes said he did not.",
])
def test_claims_an_elided_clause_reports_no_claim(text: str) -> None:
    """``said it will``: a pronoun and auxiliaries only; the claim is elided."""
    assert run(text).quotes == ()


@pytest.mark.parametrize("text, content", [
    ("Police said Friday the road was closed.", "the road was closed"),
    ("Officials said last week the plan was dead.", "the plan was dead"),
    ("She said Tuesday's vote was unfair.", "Tuesday's vote was unfair"),
])
def test_claims_a_day_after_the_cue_dates_the_saying(text: str, content: str) -> None:
    q = run(text).quotes[0]
    assert text[q.start:q.end] == content


def test_claims_reporting_noun_needs_its_that_after_it() -> None:
    """A parser slip hangs an earlier ``that`` (``echoed that approach in remarks
    shown on TV``) on the participle after ``remarks``: no claim of the noun."""
    from dataclasses import replace

    from quotetrack.extract.claims import _noun_claims
    from quotetrack.extract.syntax import Tree

    doc = parsed("Lavrov echoed that approach in remarks shown on TV this week.")
    toks = list(doc.tokens)
    that = next(t for t in toks if t.text == "that")
    shown = next(t for t in toks if t.text == "shown")
    remarks = next(t for t in toks if t.text == "remarks")
    approach = next(t for t in toks if t.text == "approach")
    toks[that.i] = replace(that, head=shown.i, deprel="mark", upos="SCONJ")
    toks[approach.i] = replace(approach, head=approach.i - 2, deprel="obj")  # of "echoed"
    toks[shown.i] = replace(shown, head=remarks.i, deprel="acl")
    sent = replace(doc.sentences[0], tokens=tuple(toks))
    slipped = replace(doc, sentences=(sent,))
    assert _noun_claims(Tree(slipped), "claims") == []
    right = parsed("Lavrov repeated his claim that the vote was rigged.")
    assert len(_noun_claims(Tree(right), "claims")) == 1


def test_claims_asked_set_off_by_commas_puts_a_question_to_the_speaker() -> None:
    # "asked" read as the speech verb's clause: still the question put to the speaker
    text = ("Trevino-Marsh, asked whether the waivers could become a loophole, said every "
            "waiver would lapse after two years.")
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["every waiver would lapse after two years"]


def test_claims_a_question_the_press_puts_is_nobodys_claim() -> None:
    asked = run("Reporters asked whether the mayor had spoken to the developer since the "
                "bid closed. The mayor said he had not met anyone from the company since spring.")
    assert [q.text for q in asked.quotes] == [
        "he had not met anyone from the company since spring"]
    newsmaker = run("At the hearing, Senator Ruth Calloway asked whether the company would "
                    "ground its fleet until the investigation was finished.")
    assert [q.speaker for q in newsmaker.quotes] == ["Ruth Calloway"]


def test_claims_a_request_for_anonymity_reports_no_claim() -> None:
    text = ("A warehouse clerk, who asked that his name not be published because he feared "
            "losing his job, said the new shifts would leave no time for his children.")
    assert [q.text for q in run(text).quotes] == [
        "the new shifts would leave no time for his children"]


def test_claims_a_question_put_to_the_speaker_however_parsed_is_no_claim() -> None:
    texts = ['Dragomir, asked whether Serbia would close the border, said the question was '
             '"for the police, not for the cabinet."',
             "Al-Rashidi, asked whether a deal could be signed this month, declined to give "
             "a date."]
    found = [[(q.text, q.speaker) for q in run(t).quotes] for t in texts]
    assert found == [[('the question was "for the police, not for the cabinet', "Dragomir")],
                     []]


def test_claims_an_opening_irregular_participle_is_an_adjunct() -> None:
    text = "Told of the minister's reply, Okafor said the study had been peer reviewed twice."
    assert [q.text for q in run(text).quotes] == ["the study had been peer reviewed twice"]


def test_claims_a_mandative_clause_asks_for_an_act_and_claims_nothing() -> None:
    text = ("Police Chief Ruth Adeyemi said she would recommend that the board expand the "
            "program to all officers.")
    quotes = [(q.text, q.cue.text if q.cue else None) for q in run(text).quotes]
    assert ("the board expand the program to all officers", "recommend") not in quotes
    assert [cue for _, cue in quotes] == ["said"]  # what she said she would do stays
    past = run("Chief Dana Whitfield insisted that the council cut the budget last year.")
    assert [q.text for q in past.quotes] == ["the council cut the budget last year"]


def test_claims_a_clause_of_time_after_the_cue_is_no_content() -> None:
    text = ("\u201cI wrote it for my mother,\u201d Haddad-Lowe said as she accepted the prize "
            "at a gala in Toronto on Tuesday night.")
    assert [q.text for q in run(text).quotes] == ["I wrote it for my mother,"]


def test_claims_an_opening_participle_with_a_question_word_is_an_adjunct() -> None:
    text = ('"We did not wait for the regulator," Strand said. Asked why it took five '
            "months to issue a recall, he said engineers needed time to rule out other "
            "causes.")
    assert [q.text for q in run(text).quotes] == [
        "We did not wait for the regulator,",
        "engineers needed time to rule out other causes"]


def test_claims_that_made_a_second_subject_of_a_texts_clause_is_its_conjunction() -> None:
    text = ("A company spokesperson, Derek Ambrose, said in an e-mail that all affected "
            "employees had been notified personally.")
    quotes = run(text).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("all affected employees had been notified personally", "Derek Ambrose")]


def test_claims_an_outlet_relaying_a_belief_reports_the_believers_claim() -> None:
    quotes = run("According to ABC News, Basya also believes the migrants left the boat "
                 "on purpose. According to Reuters, Interior Minister Ahmed Khan said the "
                 "border would reopen on Monday. According to police, the man fled on foot."
                 ).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the migrants left the boat on purpose", "Basya"),  # the believer's, not ABC's
        ("Interior Minister Ahmed Khan said the border would reopen on Monday", "Reuters"),
        ("the border would reopen on Monday", "Ahmed Khan"),  # a nested claim of its own
        ("the man fled on foot", "police")]


def test_claims_an_outlet_before_a_passive_or_a_thing_keeps_its_claim() -> None:
    quotes = run("According to Fisheries and Oceans Canada, the beluga population is "
                 "estimated at about 55,000 animals. According to an audit, Pell wrote 214 "
                 "checks to three companies.").quotes
    assert [q.cue.text if q.cue else None for q in quotes] == ["According to"] * 2


@pytest.mark.parametrize("text, claim", [
    ("A neighbour, Dana Whitlock, told council her children had stopped using the "
     "playground.", "her children had stopped using the playground"),
    ("Adeyemi's lead counsel, Emeka Obi, a Senior Advocate of Nigeria, told reporters "
     "outside the courtroom that his client would appeal.", "his client would appeal"),
])
def test_claims_what_was_told_misparsed_as_the_addressee_s_relative_clause(
        text: str, claim: str) -> None:
    assert [q.text for q in run(text).quotes] == [claim]


@pytest.mark.parametrize("text", [
    "She told reporters who had gathered outside the court about the ruling.",
    "Users will demand this of any site where they invest their time.",
])
def test_claims_a_real_relative_clause_on_the_addressee_is_no_claim(text: str) -> None:
    assert run(text).quotes == ()


@pytest.mark.parametrize("text", [
    "The minister denied that the army had crossed the border.",
    "Colin Barnhart disputed that the province had been slow to respond.",
])
def test_claims_a_rejected_claim_is_no_statement_but_an_attribution(text: str) -> None:
    assert _scoped(text, "claims") == ()
    (q,) = _scoped(text, "attributions")
    assert q.stance == "denial"


def test_claims_a_request_with_quoted_words_is_no_statement_but_an_attribution() -> None:
    text = ('Gill, for her part, said she had asked her deputy minister to schedule a meeting '
            'with the union "as early as this weekend."')
    assert [q.cue and q.cue.text for q in _scoped(text, "claims")] == ["said"]
    assert "asked" in [q.cue and q.cue.text for q in _scoped(text, "attributions")]


@pytest.mark.parametrize("text", [
    # the subjunctive tagged a noun: the fallback must not take the clause back
    "The panel recommended that the province hire at least 600 permanent firefighters who "
    "would spend the off-season thinning forests.",
    # a verb that only asks: a plural subject's bare verb asks too
    "The institute recommends that school boards consider pushing start times to 9 a.m.",
])
def test_claims_a_recommendation_claims_nothing(text: str) -> None:
    assert run(text).quotes == ()
    assert len(_scoped(text, "attributions")) == 1


def test_claims_a_recommending_verb_s_past_tense_clause_is_still_a_claim() -> None:
    text = "The board recommended that members approved the deal last week."
    assert [q.text for q in run(text).quotes] == ["members approved the deal last week"]


def test_claims_a_second_that_before_a_plural_noun_opens_a_reported_clause_too() -> None:
    text = ("Okeke told AFP by telephone that there was no approved vaccine or treatment for "
            "Marburg, but that candidate vaccines could be shipped “within days” if Malawi "
            "requested them for a trial.")
    (q,) = run(text).quotes
    assert q.text.startswith("there was no approved vaccine")
    assert q.text.rstrip(".").endswith("requested them for a trial")
