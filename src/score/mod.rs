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
use crate::text::{Analysis, Lang, Span, analyze};
use sentiment::EngineChoice;

/// Options that change scores (recorded in the manifest).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct ScoreOptions {
    pub engine: EngineChoice,
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
    let art = &c.article;
    let lang = c.language.as_deref().and_then(Lang::parse);
    let a = analyze(&art.text, lang, &lex.text);
    score_analysis(c, &a, lex, opts)
}

/// Scores an article already analysed (used by [`score_article`] and by benchmarks).
pub fn score_analysis(
    c: &CleanArticle,
    a: &Analysis,
    lex: &Lexicons,
    opts: &ScoreOptions,
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
    let attributions = attribution::extract(a, &lex.attribution);
    let topic = topics::classify(a, art.title.as_deref(), art.topic.as_deref(), &lex.topics);
    let mut mentions = entities::find(a, &lex.entities);
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
