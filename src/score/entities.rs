//! Entity mentions: prominent political figures, governments and institutions, found by their
//! aliases across languages (`lexicons/entities/entities.tsv`).
//!
//! Matching is whole-word, case- and accent-insensitive (acronyms in capitals only), one pass of
//! one automaton over the article ([`PhraseMatcher`]). Tone toward each mention is filled in by
//! the scorer (see [`crate::score`]), not here: this module only finds who is mentioned where.

use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Mention;
use crate::text::Analysis;
use crate::text::phrases::{PhraseMatch, PhraseMatcher};

const FILE: &str = "entities/entities.tsv";

/// One entity of the starter list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable id used in tables (`vladimir_putin`).
    pub id: String,
    /// Display name (`Vladimir Putin`).
    pub name: String,
    /// `person`, `government`, `organization`, `country`, `institution`.
    pub entity_type: String,
    /// Every alias, as written in the lexicon.
    pub aliases: Vec<String>,
}

/// The entity list and its compiled matcher.
#[derive(Debug, Clone)]
pub struct EntityLexicon {
    pub entities: Vec<Entity>,
    matcher: PhraseMatcher,
}

const TYPES: &[&str] = &[
    "person",
    "government",
    "organization",
    "country",
    "institution",
];

impl EntityLexicon {
    /// Parses `entities/entities.tsv`: `id<TAB>name<TAB>type<TAB>alias|alias|...`.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut entities = Vec::new();
        for (line, f) in src.read_tsv(FILE, 4)? {
            if !TYPES.contains(&f[2].as_str()) {
                return Err(LexiconError::malformed(
                    FILE,
                    line,
                    format!("unknown entity type {:?} (expected one of {TYPES:?})", f[2]),
                ));
            }
            let mut aliases: Vec<String> = f[3]
                .split('|')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            if !aliases.contains(&f[1]) {
                aliases.push(f[1].clone());
            }
            if entities.iter().any(|e: &Entity| e.id == f[0]) {
                return Err(LexiconError::malformed(
                    FILE,
                    line,
                    format!("duplicate entity id {:?}", f[0]),
                ));
            }
            entities.push(Entity {
                id: f[0].clone(),
                name: f[1].clone(),
                entity_type: f[2].clone(),
                aliases,
            });
        }
        Ok(Self::from_entities(entities))
    }

    /// Builds the matcher for a list of entities (used by `load` and by tests).
    pub fn from_entities(entities: Vec<Entity>) -> Self {
        let matcher = PhraseMatcher::new(
            entities
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.aliases.iter().map(move |a| (a.as_str(), i as u32))),
        );
        EntityLexicon { entities, matcher }
    }

    /// `(display name, aliases)` of every entity that is not a person (countries,
    /// governments, institutions, organisations): attribution types a speaker so named as an
    /// organisation, and names it by the display name ("U.S." and "USA" are both "United
    /// States").
    pub fn organizations(&self) -> Vec<(&str, &[String])> {
        self.entities
            .iter()
            .filter(|e| e.entity_type != "person")
            .map(|e| (e.name.as_str(), e.aliases.as_slice()))
            .collect()
    }

    /// The alias matcher (payload: index into [`entities`](Self::entities)).
    pub fn matcher(&self) -> &PhraseMatcher {
        &self.matcher
    }

    /// Looks up an entity by id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

/// Every entity mention in `a`, in text order, with `tone` unset (`None`) and `in_quote` false;
/// the scorer fills both.
pub fn find(a: &Analysis, lex: &EntityLexicon) -> Vec<Mention> {
    mentions_of(a, lex, lex.matcher.find(a.text, a.folded()))
}

/// [`find`] with the alias matches already found (by this lexicon's
/// [`matcher`](EntityLexicon::matcher), or by a union holding it, as scoring does).
pub fn mentions_of(a: &Analysis, lex: &EntityLexicon, matches: Vec<PhraseMatch>) -> Vec<Mention> {
    matches
        .into_iter()
        .map(|m| {
            let e = &lex.entities[m.payload as usize];
            Mention {
                entity: e.id.clone(),
                name: e.name.clone(),
                entity_type: e.entity_type.clone(),
                span: m.span,
                sentence: a.sentence_at(m.span.start as usize).unwrap_or(0),
                tone: None,
                tone_method: "sentence",
                in_quote: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, TextLexicon, analyze};

    #[test]
    fn finds_aliases_across_languages_and_scripts() {
        let src = LexiconSource::built_in();
        let lex = EntityLexicon::load(&src).unwrap();
        let tl = TextLexicon::load(&src).unwrap();
        let text = "Poutine a reçu Loukachenko. Путин говорит. L'OTAN et l'UE ont eu raison. \
                    President Zelenskyy met Biden; Zelensky thanked NATO.";
        let a = analyze(text, Some(Lang::FR), &tl);
        let ms = find(&a, &lex);
        let found: Vec<(&str, &str)> = ms
            .iter()
            .map(|m| (m.entity.as_str(), &text[m.span.range()]))
            .collect();
        let ids: Vec<&str> = found.iter().map(|x| x.0).collect();
        assert_eq!(
            ids,
            vec![
                "vladimir_putin",
                "alexander_lukashenko",
                "vladimir_putin",
                "nato",
                "european_union",
                "volodymyr_zelensky",
                "joe_biden",
                "volodymyr_zelensky",
                "nato"
            ],
            "{found:?}"
        );
        assert_eq!(found[2].1, "Путин");
        // Sentence index: the second sentence holds Путин.
        assert_eq!(ms[2].sentence, 1);
    }

    #[test]
    fn bad_type_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("entities")).unwrap();
        std::fs::write(
            dir.path().join("entities/entities.tsv"),
            "# id\tname\ttype\taliases\nx\tX\tperson\tX\ny\tY\tplanet\tY\n",
        )
        .unwrap();
        let err = EntityLexicon::load(&LexiconSource::with_override(dir.path()).unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("lexicon file entities/entities.tsv, line 3: unknown entity type"),
            "{err}"
        );
    }
}
