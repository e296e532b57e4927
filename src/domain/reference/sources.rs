//! The bibliography: one entry per source cited by the reference pages or the
//! protocol cards (`assets/content/sources.json`).

use crate::domain::json::Value;

use super::common::{List, Text};
use crate::domain::json::{choice, Fields, FromJson, JsonError};

/// What kind of document a source is; the sources page groups by it and a
/// secondary source is always flagged next to the claim that cites it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// One of the two articles the project was built from.
    Seed,
    /// A guideline, consensus statement or institutional protocol.
    Guideline,
    /// A primary clinical or pharmacokinetic study (also registry records).
    Trial,
    /// A review, meta-analysis, editorial or handbook.
    Review,
    /// A product label (prescribing information).
    Label,
    /// A secondary web page: clinic site, news or answer page, mirror.
    Secondary,
}

impl FromJson for SourceKind {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        choice(
            value,
            &[
                ("seed", SourceKind::Seed),
                ("guideline", SourceKind::Guideline),
                ("trial", SourceKind::Trial),
                ("review", SourceKind::Review),
                ("label", SourceKind::Label),
                ("secondary", SourceKind::Secondary),
            ],
        )
    }
}

impl SourceKind {
    /// Every kind, in the order the sources page lists them.
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Seed,
        SourceKind::Guideline,
        SourceKind::Trial,
        SourceKind::Review,
        SourceKind::Label,
        SourceKind::Secondary,
    ];

    /// The JSON spelling, also used in `data-kind` attributes.
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Seed => "seed",
            SourceKind::Guideline => "guideline",
            SourceKind::Trial => "trial",
            SourceKind::Review => "review",
            SourceKind::Label => "label",
            SourceKind::Secondary => "secondary",
        }
    }

    /// Heading for the group on the sources page.
    pub fn heading(self) -> &'static str {
        match self {
            SourceKind::Seed => "Source articles this app is built on",
            SourceKind::Guideline => "Guidelines and consensus statements",
            SourceKind::Trial => "Clinical and pharmacokinetic studies",
            SourceKind::Review => "Reviews, meta-analyses and handbooks",
            SourceKind::Label => "Product labels",
            SourceKind::Secondary => "Secondary sources",
        }
    }

    /// Short text for the badge next to a citation.
    pub fn badge(self) -> &'static str {
        match self {
            SourceKind::Seed => "source article",
            SourceKind::Guideline => "guideline",
            SourceKind::Trial => "study",
            SourceKind::Review => "review",
            SourceKind::Label => "label",
            SourceKind::Secondary => "secondary source",
        }
    }
}

/// One bibliographic entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// `R1`, `R2b`... as keyed in the evidence file, or `seed-dosing` /
    /// `seed-frequency` for the two seed articles.
    pub id: Text,
    pub kind: SourceKind,
    pub authors: Text,
    /// Four-digit year, or `n.d.` for an undated web page.
    pub year: Text,
    pub title: Text,
    /// Journal (with volume and pages) or publisher.
    pub publisher: Text,
    pub doi: Option<Text>,
    pub pmid: Option<Text>,
    pub url: Option<Text>,
    /// Details the evidence file marks UNVERIFIED.
    pub unverified: List<Text>,
    pub note: Option<Text>,
}

impl FromJson for Source {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "id",
                "kind",
                "authors",
                "year",
                "title",
                "publisher",
                "doi",
                "pmid",
                "url",
                "unverified",
                "note",
            ],
        )?;
        Ok(Source {
            id: f.req("id")?,
            kind: f.req("kind")?,
            authors: f.req("authors")?,
            year: f.req("year")?,
            title: f.req("title")?,
            publisher: f.req("publisher")?,
            doi: f.opt("doi")?,
            pmid: f.opt("pmid")?,
            url: f.opt("url")?,
            unverified: f.opt("unverified")?,
            note: f.opt("note")?,
        })
    }
}

impl Source {
    /// Where a reader can look the source up: the DOI resolver, PubMed or the
    /// page where it was read, in that order of preference.
    pub fn link(&self) -> Option<String> {
        if let Some(doi) = self.doi.as_deref().filter(|d| !d.trim().is_empty()) {
            return Some(format!("https://doi.org/{}", doi.trim()));
        }
        if let Some(pmid) = self.pmid.as_deref().filter(|p| !p.trim().is_empty()) {
            return Some(format!("https://pubmed.ncbi.nlm.nih.gov/{}/", pmid.trim()));
        }
        self.url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(|u| u.trim().to_string())
    }

    /// A one-line label for tooltips: "Cohen SP, Bhatia A... (2018). Title".
    pub fn short_label(&self) -> String {
        format!("{} ({}). {}", self.authors, self.year, self.title)
    }

    /// The reference in full, as on paper: "Authors (year). Title.
    /// Publisher." (the sources page sets the title apart as a `<cite>`).
    pub fn full_reference(&self) -> String {
        format!(
            "{} ({}). {}{}{}.",
            self.authors,
            self.year,
            self.title,
            self.after_title(),
            self.publisher
        )
    }

    /// Where to look the source up from paper, short enough for a printed
    /// one-page sheet: "doi:10.…", "PMID 123…", or the site of the page it
    /// was read on ("medscape.com"), which with the title finds it.
    pub fn paper_locator(&self) -> Option<String> {
        let given = |v: &Option<Text>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        if let Some(doi) = given(&self.doi) {
            return Some(format!("doi:{doi}"));
        }
        if let Some(pmid) = given(&self.pmid) {
            return Some(format!("PMID {pmid}"));
        }
        let url = given(&self.url)?;
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.strip_prefix("www.").unwrap_or(host);
        (!host.is_empty()).then(|| host.to_string())
    }

    /// What follows the title in a full reference: ". ", or a space alone
    /// after a title that ends with its own stop ("…for pain?", not
    /// "…for pain?.").
    pub fn after_title(&self) -> &'static str {
        if self.title.ends_with(['?', '!', '.']) {
            " "
        } else {
            ". "
        }
    }
}

/// The shape of `sources.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcesFile {
    pub sources: List<Source>,
}

impl FromJson for SourcesFile {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["sources"])?;
        Ok(SourcesFile {
            sources: f.req("sources")?,
        })
    }
}
