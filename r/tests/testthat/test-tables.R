p1_add <- c("atop", "nmc", "contiguity", "majors", "gml-mids", "capdist")
p1_columns <- c(
  "ccode1", "ccode2", "year", "atop_alliance", "atop_defense", "atop_offense",
  "atop_neutral", "atop_nonagg", "atop_consul", "milex1", "milper1", "irst1", "pec1",
  "tpop1", "upop1", "cinc1", "milex2", "milper2", "irst2", "pec2", "tpop2", "upop2",
  "cinc2", "conttype", "cowmaj1", "cowmaj2", "dispnum", "gmlmidongoing", "gmlmidonset",
  "sidea1", "sidea2", "fatality1", "fatality2", "fatalpre1", "fatalpre2", "hiact1",
  "hiact2", "hostlev1", "hostlev2", "orig1", "orig2", "fatality", "hostlev", "recip",
  "mindur", "maxdur", "stmon", "init1", "init2", "capdist")

test_that("P1 has peacesciencer's rows, columns, types, NAs and fingerprint", {
  p1 <- dyads(years = c(1816, 2016), add = p1_add)
  expect_s3_class(p1, "data.frame")
  expect_equal(nrow(p1), 1912290L)
  expect_identical(names(p1), p1_columns)
  # peacesciencer: every P1 column is a double (peacesciencer-semantics.md, "Output shapes")
  expect_true(all(vapply(p1, is.double, TRUE)))
  expect_identical(attr(p1, "ps_data_type"), "dyad_year")
  expect_identical(attr(p1, "ps_system"), "cow")
  expect_false(is.unsorted(p1$ccode1))
  # NA counts peacesciencer reports for P1
  expect_equal(sum(is.na(p1$milex1)), 180535L)
  expect_equal(sum(is.na(p1$milper2)), 41184L)
  expect_equal(sum(is.na(p1$init1)), 1903006L)
  expect_equal(sum(is.na(p1$gmlmidonset)), 226980L)
  expect_equal(sum(is.na(p1$capdist)), 0L)
  # a known row: USA–UK 1950 are allied (NATO), land contiguity absent
  usa_ukg <- p1[p1$ccode1 == 2 & p1$ccode2 == 200 & p1$year == 1950, ]
  expect_equal(nrow(usa_ukg), 1L)
  expect_equal(usa_ukg$atop_defense, 1)

  fp <- fingerprint(p1)
  root <- repo_root()
  if (!is.null(root)) {
    ref <- read.csv(file.path(root, "crates/dyad/tests/data/peacesciencer-P1-fingerprint.csv"))
    expect_identical(fingerprint_diff(fp, ref), character())
  }
  bin <- casus_bin()
  if (!is.null(bin)) {
    out <- system2(bin, c("dyads", "--years", "1816-2016", "--with", paste(p1_add, collapse = ","),
                          "--fingerprint"), stdout = TRUE)
    cli <- read.csv(text = paste(out, collapse = "\n"))
    expect_identical(fingerprint_diff(fp, cli, tol = 1e-12), character())
  }
  if (is.null(root) && is.null(bin)) skip("no reference fingerprint (set CASUS_REPO or CASUS_BIN)")
})

test_that("create_dyadyears() takes peacesciencer's arguments and types", {
  d <- create_dyadyears(subset_years = 1816:2016)
  expect_equal(nrow(d), 1912290L)
  expect_identical(names(d), c("ccode1", "ccode2", "year"))
  # P4's types: ccodes double, year integer before any add_* join
  expect_true(is.double(d$ccode1) && is.double(d$ccode2))
  expect_true(is.integer(d$year))
  u <- create_dyadyears(directed = FALSE, subset_years = 2000)
  expect_true(all(u$ccode1 < u$ccode2))
  expect_equal(nrow(u) * 2, nrow(create_dyadyears(subset_years = 2000)))
})

test_that("state-years match peacesciencer's P3", {
  p3 <- stateyears(years = c(1816, 2016), add = c("nmc", "majors"))
  expect_equal(nrow(p3), 15951L)
  expect_identical(names(p3), c("ccode", "cw_name", "year", "milex", "milper", "irst",
                                "pec", "tpop", "upop", "cinc", "cowmaj"))
  expect_true(is.character(p3$cw_name))
  expect_true(all(vapply(p3[-2], is.double, TRUE)))
  expect_equal(colSums(is.na(p3[c("milex", "milper", "irst", "pec", "upop")])),
               c(milex = 2217, milper = 426, irst = 26, pec = 448, upop = 68))
  expect_equal(sum(p3$cowmaj == 1), 1195L)
  expect_identical(p3$cw_name[p3$ccode == 2 & p3$year == 1816], "United States of America")
  s <- create_stateyears(subset_years = 1816:2016)
  expect_equal(nrow(s), 15951L)
  expect_true(is.integer(s$year))
  expect_identical(attr(s, "ps_data_type"), "state_year")
})

test_that("add takes one comma-separated string or peacesciencer's add_* names", {
  a <- dyads(years = 1990, add = "atop,nmc")
  b <- dyads(years = 1990, add = c("add_atop_alliance", "add_nmc"))
  expect_identical(a, b)
})

test_that("bad table arguments are R errors that say what to do", {
  err <- function(expr) tryCatch(expr, casus_error = conditionMessage)
  expect_match(err(dyads(years = c(2016, 1816))), "first year \\(2016\\) is after the last")
  expect_match(err(dyads(years = 1700)), "outside the data.*1816")
  expect_match(err(dyads(years = c(1816.5, 1820))), "not a year")
  expect_match(err(dyads(years = c(1, 2, 3))), "3 values")
  expect_match(err(dyads(years = NA_real_)), "NA")
  expect_match(err(dyads(years = "1816")), "`years` must be a year")
  expect_match(err(dyads(years = 1990, add = "alliances")),
               "unknown table `alliances`; choose from: atop, nmc")
  expect_match(err(dyads(years = 1990, add = c("nmc", "nmc"))), "`nmc` is given twice")
  expect_match(err(dyads(years = 1990, add = NA_character_)), "without NA")
  expect_match(err(dyads(directed = NA)), "TRUE or FALSE")
  expect_match(err(stateyears(add = "atop")), "cannot be added to state_year data")
  expect_match(err(create_dyadyears(system = "gw")), "COW state system only")
  expect_match(err(create_dyadyears(mry = FALSE)), "mry = FALSE")
  expect_match(err(create_dyadyears(subset_years = c(1816, 1900))), "consecutive")
  expect_error(dyads(years = 1700), class = "casus_error")
})
