//! Topic of an article: the input's own label when it has one, else a keyword taxonomy
//! (`lexicons/topics/topics.tsv`, English and French keywords side by side).
//!
//! The keyword classifier counts whole-word keyword hits per topic (title hits count
//! [`TITLE_WEIGHT`] times, since headlines state the subject) and picks the topic with the most.
//! It abstains (`other`) when the best topic has fewer than [`MIN_SCORE`] weighted hits or ties
//! with the runner-up: a wrong confident label is worse for per-topic statistics than `other`.

use crate::lexicon::{LexiconError, LexiconSource};
use crate::text::Analysis;
use crate::text::phrases::{PhraseMatch, PhraseMatcher};

const FILE: &str = "topics/topics.tsv";

/// Weight of a keyword found in the title relative to one in the body.
pub const TITLE_WEIGHT: u32 = 3;
/// Minimum weighted hits for a keyword topic.
pub const MIN_SCORE: u32 = 3;
/// Label for articles the taxonomy cannot place.
pub const OTHER: &str = "other";

/// The topic taxonomy.
#[derive(Debug, Clone)]
pub struct TopicLexicon {
    /// Topic slugs in file order (ties are broken by this order only for display; a tie abstains).
    pub topics: Vec<String>,
    matcher: PhraseMatcher,
}

impl TopicLexicon {
    /// Parses `topics/topics.tsv`: `topic<TAB>keyword|keyword|...`; a topic may span lines.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut topics: Vec<String> = Vec::new();
        let mut patterns: Vec<(String, u32)> = Vec::new();
        for (line, f) in src.read_tsv(FILE, 2)? {
            let slug = f[0].clone();
            if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                return Err(LexiconError::malformed(
                    FILE,
                    line,
                    format!("topic {slug:?} must be a lower-case slug (a-z and _)"),
                ));
            }
            let idx = match topics.iter().position(|t| *t == slug) {
                Some(i) => i,
                None => {
                    topics.push(slug);
                    topics.len() - 1
                }
            };
            for kw in f[1].split('|').map(str::trim).filter(|k| !k.is_empty()) {
                patterns.push((kw.to_string(), idx as u32));
            }
        }
        let matcher = PhraseMatcher::new(patterns.iter().map(|(k, i)| (k.as_str(), *i)));
        Ok(TopicLexicon { topics, matcher })
    }
}

impl TopicLexicon {
    /// The keyword matcher (payload: index into [`topics`](Self::topics)).
    pub fn matcher(&self) -> &PhraseMatcher {
        &self.matcher
    }
}

/// The topic of an article and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicAssignment {
    pub topic: String,
    /// `input` or `keywords`.
    pub source: &'static str,
}

/// Normalises an input topic label: trimmed, lower-cased, inner whitespace collapsed.
pub fn normalise_label(label: &str) -> Option<String> {
    let t = label.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then(|| t.to_lowercase())
}

/// The input label when given, else the keyword topic of `title` and the analysed body.
pub fn classify(
    a: &Analysis,
    title: Option<&str>,
    given: Option<&str>,
    lex: &TopicLexicon,
) -> TopicAssignment {
    if let Some(label) = given.and_then(normalise_label) {
        return TopicAssignment {
            topic: label,
            source: "input",
        };
    }
    classify_matches(&lex.matcher.find(a.text, a.folded()), title, given, lex)
}

/// [`classify`] with the keyword matches of the body already found (by this lexicon's
/// [`matcher`](TopicLexicon::matcher), or by a union holding it, as scoring does).
pub fn classify_matches(
    body: &[PhraseMatch],
    title: Option<&str>,
    given: Option<&str>,
    lex: &TopicLexicon,
) -> TopicAssignment {
    if let Some(label) = given.and_then(normalise_label) {
        return TopicAssignment {
            topic: label,
            source: "input",
        };
    }
    let mut scores = vec![0u32; lex.topics.len()];
    for m in body {
        scores[m.payload as usize] += 1;
    }
    if let Some(t) = title {
        for m in lex.matcher.find_in(t) {
            scores[m.payload as usize] += TITLE_WEIGHT;
        }
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&x, &y| scores[y].cmp(&scores[x]).then(x.cmp(&y)));
    let topic = match order.as_slice() {
        [best, second, ..] if scores[*best] >= MIN_SCORE && scores[*best] > scores[*second] => {
            lex.topics[*best].clone()
        }
        [best] if scores[*best] >= MIN_SCORE => lex.topics[*best].clone(),
        _ => OTHER.to_string(),
    };
    TopicAssignment {
        topic,
        source: "keywords",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, TextLexicon, analyze};

    fn setup() -> (TextLexicon, TopicLexicon) {
        let src = LexiconSource::built_in();
        (
            TextLexicon::load(&src).unwrap(),
            TopicLexicon::load(&src).unwrap(),
        )
    }

    #[test]
    fn input_label_wins_and_is_normalised() {
        let (tl, lex) = setup();
        let a = analyze("Troops shelled the city.", Some(Lang::EN), &tl);
        assert_eq!(
            classify(&a, None, Some("  World   News "), &lex),
            TopicAssignment {
                topic: "world news".into(),
                source: "input"
            }
        );
    }

    #[test]
    fn keywords_pick_the_dominant_topic_in_both_languages() {
        let (tl, lex) = setup();
        let en = analyze(
            "Russian troops shelled the city as the army advanced; the military said missiles hit.",
            Some(Lang::EN),
            &tl,
        );
        assert_eq!(classify(&en, None, None, &lex).topic, "war_security");
        let fr = analyze(
            "Les prix du gaz et du pétrole flambent; l'énergie nucléaire et l'électricité aussi.",
            Some(Lang::FR),
            &tl,
        );
        assert_eq!(classify(&fr, None, None, &lex).topic, "energy");
    }

    #[test]
    fn too_few_hits_abstain() {
        let (tl, lex) = setup();
        let a = analyze(
            "The weather was fine and people walked.",
            Some(Lang::EN),
            &tl,
        );
        assert_eq!(classify(&a, None, None, &lex).topic, OTHER);
    }
}
