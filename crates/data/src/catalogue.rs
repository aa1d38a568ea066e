//! What each bundled dataset is, which version, and how to cite it.

use crate::files;

/// One dataset casus bundles.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Dataset {
    /// Short key used on the command line (`casus data cite atop`).
    pub key: &'static str,
    /// Title for people.
    pub title: &'static str,
    /// Files of the dataset, relative to the data directory.
    pub files: &'static [&'static str],
    /// Version bundled, as the source labels it (`v2016`, `5.1`).
    pub version: &'static str,
    /// Plain-text citation.
    pub citation: &'static str,
    /// BibTeX entry (`casus data cite --format bibtex`).
    pub bibtex: &'static str,
}

/// Every bundled dataset, with version and citation.
pub static DATASETS: &[Dataset] = &[
    Dataset {
        key: "cow-states",
        title: "COW State System Membership",
        files: &[files::COW_SYSTEM, files::COW_STATES],
        version: "v2016",
        citation: "Correlates of War Project. 2017. State System Membership List, v2016. http://correlatesofwar.org",
        bibtex: "@misc{cow2017states,\n  author = {{Correlates of War Project}},\n  title = {State System Membership List, v2016},\n  year = {2017},\n  url = {http://correlatesofwar.org}\n}",
    },
    Dataset {
        key: "gw-states",
        title: "Gleditsch–Ward list of independent states",
        files: &[files::GW_SYSTEM, files::GW_STATES],
        version: "2017 update",
        citation: "Gleditsch, K. S. & Ward, M. D. 1999. A revised list of independent states since the Congress of Vienna. International Interactions 25(4): 393–413.",
        bibtex: "@article{gleditschward1999,\n  author = {Gleditsch, Kristian S. and Ward, Michael D.},\n  title = {A Revised List of Independent States since the {Congress of Vienna}},\n  journal = {International Interactions},\n  volume = {25},\n  number = {4},\n  pages = {393--413},\n  year = {1999}\n}",
    },
    Dataset {
        key: "atop",
        title: "Alliance Treaty Obligations and Provisions (ATOP)",
        files: &[files::ATOP5_ALLIANCES, files::ATOP5_MEMBERS, files::ATOP_DYADS, files::ATOP5_CODEBOOK],
        version: "5.1",
        citation: "Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. 2002. Alliance Treaty Obligations and Provisions, 1815–1944. International Interactions 28: 237–260.",
        bibtex: "@article{leeds2002atop,\n  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},\n  title = {Alliance Treaty Obligations and Provisions, 1815--1944},\n  journal = {International Interactions},\n  volume = {28},\n  pages = {237--260},\n  year = {2002}\n}",
    },
    Dataset {
        key: "atop4",
        title: "ATOP alliance- and member-level files, 4.01 coding",
        files: &[files::ATOP4_ALLIANCES, files::ATOP4_MEMBERS],
        version: "4.01",
        citation: "Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. 2002. Alliance Treaty Obligations and Provisions, 1815–1944. International Interactions 28: 237–260. (ATOP 4.01 coding.)",
        bibtex: "@article{leeds2002atop4,\n  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},\n  title = {Alliance Treaty Obligations and Provisions, 1815--1944},\n  journal = {International Interactions},\n  volume = {28},\n  pages = {237--260},\n  year = {2002},\n  note = {ATOP version 4.01}\n}",
    },
    Dataset {
        key: "cow-alliance",
        title: "COW Formal Alliances",
        files: &[files::COW_ALLIANCES],
        version: "4.1",
        citation: "Gibler, D. M. 2009. International Military Alliances, 1648–2008. CQ Press.",
        bibtex: "@book{gibler2009alliances,\n  author = {Gibler, Douglas M.},\n  title = {International Military Alliances, 1648--2008},\n  publisher = {CQ Press},\n  year = {2009}\n}",
    },
    Dataset {
        key: "nmc",
        title: "COW National Material Capabilities",
        files: &[files::NMC],
        version: "7.0",
        citation: "Singer, J. D., Bremer, S. & Stuckey, J. 1972. Capability Distribution, Uncertainty, and Major Power War, 1820–1965. In B. Russett (ed.), Peace, War, and Numbers, 19–48. Beverly Hills: Sage. Singer, J. D. 1987. Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816–1985. International Interactions 14: 115–32.",
        bibtex: "@incollection{singer1972capability,\n  author = {Singer, J. David and Bremer, Stuart and Stuckey, John},\n  title = {Capability Distribution, Uncertainty, and Major Power War, 1820--1965},\n  booktitle = {Peace, War, and Numbers},\n  editor = {Russett, Bruce},\n  pages = {19--48},\n  publisher = {Sage},\n  year = {1972}\n}\n@article{singer1987reconstructing,\n  author = {Singer, J. David},\n  title = {Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816--1985},\n  journal = {International Interactions},\n  volume = {14},\n  pages = {115--132},\n  year = {1987}\n}",
    },
    Dataset {
        key: "majors",
        title: "COW major powers",
        files: &[files::MAJORS],
        version: "v2016",
        citation: "Correlates of War Project. 2017. State System Membership List, v2016. http://correlatesofwar.org",
        bibtex: "@misc{cow2017majors,\n  author = {{Correlates of War Project}},\n  title = {State System Membership List, v2016 (major powers)},\n  year = {2017}\n}",
    },
    Dataset {
        key: "maoz-powers",
        title: "Regional and global powers (Maoz)",
        files: &[files::MAOZ_POWERS],
        version: "2010",
        citation: "Maoz, Z. 2010. Networks of Nations: The Evolution, Structure, and Impact of International Networks, 1816–2001. Cambridge University Press.",
        bibtex: "@book{maoz2010networks,\n  author = {Maoz, Zeev},\n  title = {Networks of Nations: The Evolution, Structure, and Impact of International Networks, 1816--2001},\n  publisher = {Cambridge University Press},\n  year = {2010}\n}",
    },
    Dataset {
        key: "contiguity",
        title: "COW Direct Contiguity",
        files: &[files::CONTIGUITY],
        version: "3.2",
        citation: "Stinnett, D. M., Tir, J., Schafer, P., Diehl, P. F. & Gochman, C. 2002. The Correlates of War Project Direct Contiguity Data, Version 3. Conflict Management and Peace Science 19(2): 58–66.",
        bibtex: "@article{stinnett2002contiguity,\n  author = {Stinnett, Douglas M. and Tir, Jaroslav and Schafer, Philip and Diehl, Paul F. and Gochman, Charles},\n  title = {The Correlates of War Project Direct Contiguity Data, Version 3},\n  journal = {Conflict Management and Peace Science},\n  volume = {19},\n  number = {2},\n  pages = {58--66},\n  year = {2002}\n}",
    },
    Dataset {
        key: "capitals",
        title: "Capitals with transition dates and coordinates (peacesciencer compilation)",
        files: &[files::COW_CAPITALS, files::GW_CAPITALS],
        version: "peacesciencer 1.2.9",
        citation: "Miller, S. V. 2022. peacesciencer: An R Package for Quantitative Peace Science Research. Conflict Management and Peace Science 39(6): 755–779.",
        bibtex: "@article{miller2022peacesciencer,\n  author = {Miller, Steven V.},\n  title = {{peacesciencer}: An {R} Package for Quantitative Peace Science Research},\n  journal = {Conflict Management and Peace Science},\n  volume = {39},\n  number = {6},\n  pages = {755--779},\n  year = {2022}\n}",
    },
    Dataset {
        key: "gml",
        title: "Gibler–Miller–Little Militarized Interstate Disputes",
        files: &[files::MID_PARTICIPANTS, files::MID_DISPUTES, files::MID_DIRECTED, files::MID_DYAD_YEARS],
        version: "2.2.1",
        citation: "Gibler, D. M., Miller, S. V. & Little, E. K. 2016. An Analysis of the Militarized Interstate Dispute (MID) Dataset, 1816–2001. International Studies Quarterly 60(4): 719–730.",
        bibtex: "@article{gibler2016analysis,\n  author = {Gibler, Douglas M. and Miller, Steven V. and Little, Erin K.},\n  title = {An Analysis of the Militarized Interstate Dispute ({MID}) Dataset, 1816--2001},\n  journal = {International Studies Quarterly},\n  volume = {60},\n  number = {4},\n  pages = {719--730},\n  year = {2016}\n}",
    },
    Dataset {
        key: "cow-wars",
        title: "COW Inter-State Wars (dyadic)",
        files: &[files::WARS],
        version: "4.0",
        citation: "Sarkees, M. R. & Wayman, F. 2010. Resort to War: 1816–2007. Washington DC: CQ Press.",
        bibtex: "@book{sarkees2010resort,\n  author = {Sarkees, Meredith Reid and Wayman, Frank},\n  title = {Resort to War: 1816--2007},\n  publisher = {CQ Press},\n  year = {2010}\n}",
    },
    Dataset {
        key: "td-rivalries",
        title: "Strategic rivalries (Thompson & Dreyer)",
        files: &[files::RIVALRIES_TD],
        version: "2012",
        citation: "Thompson, W. R. & Dreyer, D. 2012. Handbook of International Rivalries. CQ Press.",
        bibtex: "@book{thompson2012handbook,\n  author = {Thompson, William R. and Dreyer, David},\n  title = {Handbook of International Rivalries},\n  publisher = {CQ Press},\n  year = {2012}\n}",
    },
    Dataset {
        key: "tss-rivalries",
        title: "Strategic rivalries (Thompson, Sakuwa & Suhas)",
        files: &[files::RIVALRIES_TSS],
        version: "2021",
        citation: "Thompson, W. R., Sakuwa, K. & Suhas, P. H. 2021. Analyzing Strategic Rivalries in World Politics. Springer.",
        bibtex: "@book{thompson2021analyzing,\n  author = {Thompson, William R. and Sakuwa, Kentaro and Suhas, Prashant Hosur},\n  title = {Analyzing Strategic Rivalries in World Politics},\n  publisher = {Springer},\n  year = {2021}\n}",
    },
    Dataset {
        key: "false-dyads",
        title: "False COW dyads (both members in a year, never on the same day)",
        files: &[files::FALSE_DYADS],
        version: "peacesciencer 1.2.9",
        citation: "Miller, S. V. 2022. peacesciencer: An R Package for Quantitative Peace Science Research. Conflict Management and Peace Science 39(6): 755–779.",
        bibtex: "@article{miller2022peacesciencer_fd,\n  author = {Miller, Steven V.},\n  title = {{peacesciencer}: An {R} Package for Quantitative Peace Science Research},\n  journal = {Conflict Management and Peace Science},\n  volume = {39},\n  number = {6},\n  pages = {755--779},\n  year = {2022}\n}",
    },
    Dataset {
        key: "countrycode",
        title: "countrycode crosswalk (COW ↔ ISO 3166)",
        files: &[files::CODELIST],
        version: "0.6.0 (Python port)",
        citation: "Arel-Bundock, V., Enevoldsen, N. & Yetman, C. J. 2018. countrycode: An R package to convert country names and country codes. Journal of Open Source Software 3(28): 848.",
        bibtex: "@article{arelbundock2018countrycode,\n  author = {Arel-Bundock, Vincent and Enevoldsen, Nils and Yetman, CJ},\n  title = {countrycode: An {R} package to convert country names and country codes},\n  journal = {Journal of Open Source Software},\n  volume = {3},\n  number = {28},\n  pages = {848},\n  year = {2018}\n}",
    },
];

/// Looks a dataset up by key.
pub fn dataset(key: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.key == key)
}
