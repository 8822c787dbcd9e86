//! Scoring: pure functions from an analysed article to values, run per article in parallel.
//!
//! [`score_article`] analyses the text once ([`crate::text::analyze`]) and hands the same
//! [`Analysis`] to every scorer: sentiment per sentence, attributions, topic, entity mentions and
//! the tone toward each mention. No I/O, no global state.

pub mod attribution;
pub mod entities;
pub mod sentiment;
pub mod targets;
pub mod topics;

use crate::lexicon::Lexicons;
use crate::model::{ArticleScores, AttributionKind, CleanArticle, ScoredArticle, SourceType};
use crate::text::phrases::{PhraseMatch, PhraseMatcher};
use crate::text::{Analysis, Lang, Span, analyze};
use sentiment::EngineChoice;

/// Options that change scores (recorded in the manifest).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct ScoreOptions {
    pub engine: EngineChoice,
}

/// Entity aliases and topic keywords compiled into one automaton, so scoring finds both in one
/// overlapping search over the article instead of two (that search was most of the cost of
/// topics and entities). Results are exactly those of [`entities::find`] and
/// [`topics::classify`] with each lexicon's own matcher.
///
/// The automaton is an anchored DFA walked from each word start ([`PhraseMatcher::union_dfa`]):
/// the search over every article is the scoring stage's biggest single cost, and the walk
/// skips the bytes inside words that an overlapping search steps through (the phrase search
/// went from 9% to 5.5% of a whole run's CPU; BENCHMARKS.md, "eighth session"), but a DFA
/// takes a few milliseconds to build. So it is built on first use, or beforehand by
/// [`ScorePhrases::prepare`] (`slant run` calls it on a thread of its own while it reads and
/// cleans the corpus), and commands that never score never build it.
#[derive(Debug)]
pub struct ScorePhrases {
    /// The two lists: 0 entity aliases, 1 topic keywords.
    lists: [PhraseMatcher; 2],
    /// Their union ([`PhraseMatcher::union_dfa`]), built once.
    matcher: std::sync::OnceLock<PhraseMatcher>,
}

impl ScorePhrases {
    pub fn new(entities: &entities::EntityLexicon, topics: &topics::TopicLexicon) -> Self {
        ScorePhrases {
            lists: [entities.matcher().clone(), topics.matcher().clone()],
            matcher: std::sync::OnceLock::new(),
        }
    }

    /// Builds the automaton now if it is not built yet (a call from another thread meanwhile
    /// waits for it).
    pub fn prepare(&self) -> &PhraseMatcher {
        self.matcher
            .get_or_init(|| PhraseMatcher::union_dfa(&[&self.lists[0], &self.lists[1]]))
    }

    /// `[entity alias matches, topic keyword matches]` of the analysed text.
    pub fn find(&self, a: &Analysis) -> [Vec<PhraseMatch>; 2] {
        let mut groups = self.prepare().find_grouped(a.text, a.folded());
        let topics = groups.pop().expect("two groups");
        let entities = groups.pop().expect("two groups");
        [entities, topics]
    }
}

/// True when byte offset `pos` lies inside the content of a direct, mixed or floating quote.
fn in_quoted_speech(pos: u32, attributions: &[crate::model::Attribution]) -> bool {
    attributions.iter().any(|q| {
        matches!(
            q.kind,
            AttributionKind::Direct | AttributionKind::Mixed | AttributionKind::Floating
        ) && q.content.start <= pos
            && pos < q.content.end
    })
}

/// Scores one clean article: the row of `tables/articles`, its attributions and mentions.
pub fn score_article(c: &CleanArticle, lex: &Lexicons, opts: &ScoreOptions) -> ScoredArticle {
    score_article_with(
        c,
        lex,
        opts,
        &mut attribution::Extractor::new(&lex.attribution),
    )
}

/// [`score_article`] with an attribution [`Extractor`](attribution::Extractor) kept across the
/// articles a thread scores (same result, less work; the extractor must be of
/// `lex.attribution`).
pub fn score_article_with(
    c: &CleanArticle,
    lex: &Lexicons,
    opts: &ScoreOptions,
    extractor: &mut attribution::Extractor,
) -> ScoredArticle {
    let art = &c.article;
    let lang = c.language.as_deref().and_then(Lang::parse);
    let a = analyze(&art.text, lang, &lex.text);
    score_analysis_with(c, &a, lex, opts, extractor)
}

/// Scores an article already analysed (used by [`score_article`] and by benchmarks).
pub fn score_analysis(
    c: &CleanArticle,
    a: &Analysis,
    lex: &Lexicons,
    opts: &ScoreOptions,
) -> ScoredArticle {
    score_analysis_with(
        c,
        a,
        lex,
        opts,
        &mut attribution::Extractor::new(&lex.attribution),
    )
}

/// [`score_analysis`] with an attribution extractor kept across articles (see
/// [`score_article_with`]).
pub fn score_analysis_with(
    c: &CleanArticle,
    a: &Analysis,
    lex: &Lexicons,
    opts: &ScoreOptions,
    extractor: &mut attribution::Extractor,
) -> ScoredArticle {
    let art = &c.article;
    let (doc, engine_name, null_reason) = match lex.sentiment.engine(a.lang, opts.engine) {
        Ok(engine) => (
            Some(sentiment::score_document(a, engine)),
            Some(engine.name().to_string()),
            None,
        ),
        Err(reason) => (None, None, Some(reason.to_string())),
    };
    // The title can name the page's author ("Remarks by …").
    let attributions = extractor.extract_titled(a, art.title.as_deref(), &lex.text);
    let [entity_matches, topic_matches] = lex.phrases.find(a);
    let topic = topics::classify_matches(
        &topic_matches,
        art.title.as_deref(),
        art.topic.as_deref(),
        &lex.topics,
    );
    let mut mentions = entities::mentions_of(a, &lex.entities, entity_matches);
    // Tone toward each mention: the target model where the language has one (it reads the
    // valences of the engine its cues name, and reuses this article's sentence scores when they
    // come from that engine), else the sentence's compound.
    let target_tones = lex.targets.model(a.lang).map(|model| {
        let spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
        let sentences = doc
            .as_ref()
            .filter(|_| engine_name.as_deref() == Some(model.features.engine_name()))
            .map(|d| d.sentences.as_slice());
        model.score_spans_with(a, &spans, &lex.sentiment, sentences)
    });
    for (i, m) in mentions.iter_mut().enumerate() {
        m.in_quote = in_quoted_speech(m.span.start, &attributions);
        if let Some(t) = &target_tones {
            m.tone = Some(t[i].score);
            m.tone_method = "target";
        } else {
            m.tone = doc
                .as_ref()
                .and_then(|d| d.sentences.get(m.sentence))
                .map(|p| p.compound);
        }
    }
    let n_direct = attributions
        .iter()
        .filter(|q| matches!(q.kind, AttributionKind::Direct | AttributionKind::Mixed))
        .count();
    let n_anonymous = attributions
        .iter()
        .filter(|q| q.source_type == SourceType::Anonymous)
        .count();
    let d = doc.as_ref().map(|d| d.document);
    ScoredArticle {
        scores: ArticleScores {
            id: art.id.clone(),
            outlet: art.outlet.clone(),
            published: art.published,
            language: c.language.clone(),
            topic: Some(topic.topic),
            topic_source: topic.source,
            title: art.title.clone(),
            url: art.url.clone(),
            n_chars: art.text.chars().count() as u64,
            n_words: a.word_count() as u64,
            n_sentences: a.sentences.len() as u64,
            sentiment_engine: engine_name,
            neg: d.map(|p| p.neg),
            neu: d.map(|p| p.neu),
            pos: d.map(|p| p.pos),
            compound: d.map(|p| p.compound),
            sentiment_null_reason: null_reason,
            n_quotes: attributions.len() as u64,
            n_direct: n_direct as u64,
            n_anonymous: n_anonymous as u64,
            n_mentions: mentions.len() as u64,
            wire_credit: c.wire_credit.clone(),
            syndication_cluster: c.syndication_cluster.clone(),
            syndicated: c.syndicated,
        },
        attributions,
        mentions,
    }
}

/// The text of a span of an article (helper for table builders).
pub fn span_text(text: &str, s: Span) -> &str {
    &text[s.range()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass union gives, on real articles, exactly each lexicon's own matches.
    #[test]
    fn score_phrases_equal_separate_entity_and_topic_passes() {
        let lex = Lexicons::built_in();
        let sample = include_str!("../../data/articles.jsonl");
        let mut checked = 0;
        for line in sample.lines().filter(|l| !l.trim().is_empty()).take(60) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap_or("");
            let a = analyze(
                text,
                v["language"].as_str().and_then(Lang::parse),
                &lex.text,
            );
            let [ents, tops] = lex.phrases.find(&a);
            assert_eq!(ents, lex.entities.matcher().find(a.text, a.folded()));
            assert_eq!(tops, lex.topics.matcher().find(a.text, a.folded()));
            checked += usize::from(!ents.is_empty() && !tops.is_empty());
        }
        assert!(
            checked > 20,
            "only {checked} articles with both kinds of match"
        );
    }
}
