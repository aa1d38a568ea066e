# `compare` is called as casus::compare(): testthat exports a compare() of its own.

statuses <- function(v) table(vapply(v$obligations, function(o) o$status, ""))

test_that("invoke() answers the headline scenario as the CLI's JSON", {
  v <- invoke(attacker = "RUS", target = "UKR", date = "2025-09-01", spec = "ukraine-b")
  expect_identical(v$schema, "casus.invoke/1")
  expect_identical(v$incident$target$abb, "UKR")
  own <- Filter(function(o) o$treaty$id == "ukraine-b" && o$status == "triggered",
                v$obligations)
  expect_setequal(vapply(own, function(o) o$obligor$abb, ""), c("USA", "UKG", "FRN"))
  breached <- Filter(function(o) o$status == "breached", v$obligations)
  expect_true("budapest-1994" %in% vapply(breached, function(o) o$treaty$id, ""))
  # a Date works as the date
  expect_identical(invoke(attacker = "RUS", target = "UKR", date = as.Date("2025-09-01"),
                          spec = "ukraine-b"), v)
  bin <- casus_bin()
  skip_if(is.null(bin), "set CASUS_BIN to compare with the CLI")
  skip_if_not_installed("jsonlite")
  out <- suppressWarnings(system2(bin, c("invoke", "--attacker", "RUS", "--target", "UKR",
                                         "--date", "2025-09-01", "--spec", "ukraine-b",
                                         "--format", "json"), stdout = TRUE, stderr = FALSE))
  cli <- jsonlite::fromJSON(paste(out, collapse = "\n"), simplifyVector = FALSE)
  expect_identical(v, cli)
})

test_that("compare() and reliability() return the CLI's structures", {
  c4 <- casus::compare(c("ukraine-a", "ukraine-b", "ukraine-c", "ukraine-d"),
                       attacker = "RUS", target = "UKR", date = "2025-09-01")
  expect_identical(c4$schema, "casus.compare/1")
  expect_length(c4$variants, 4L)
  r <- reliability(to = 1944)
  expect_identical(r$schema, "casus.reliability/1")
  expect_true(length(r$cases) > 0)
  bin <- casus_bin()
  skip_if(is.null(bin), "set CASUS_BIN to compare with the CLI")
  skip_if_not_installed("jsonlite")
  cli <- function(...) {
    out <- suppressWarnings(system2(bin, c(..., "--format", "json"), stdout = TRUE,
                                    stderr = FALSE))
    jsonlite::fromJSON(paste(out, collapse = "\n"), simplifyVector = FALSE)
  }
  expect_identical(c4, cli("compare", "ukraine-a", "ukraine-b", "ukraine-c", "ukraine-d",
                           "--attacker", "RUS", "--target", "UKR", "--date", "2025-09-01"))
  expect_identical(r, cli("reliability", "--to", "1944"))
})

test_that("a spec file with errors is an R error with file:line:col", {
  root <- repo_root()
  skip_if(is.null(root), "set CASUS_REPO to find treaties/")
  bad <- tempfile(fileext = ".toml")
  spec <- readLines(file.path(root, "treaties/ukraine-b.toml"))
  spec <- sub('^id = "ukraine-b"', 'id = "ukraine-b-draft"', spec)
  spec <- sub('^strength = "consult"', 'strength = "bogus"', spec)
  writeLines(spec, bad)
  line <- grep('strength = "bogus"', spec)
  msg <- tryCatch(invoke(attacker = "RUS", target = "UKR", date = "2025-09-01", spec = bad),
                  casus_error = conditionMessage)
  expect_match(msg, paste0(bad, ":", line, ":12: clause\\[1\\]\\.strength: unknown strength `bogus`"),
               fixed = FALSE)
  expect_match(msg, "hint: valid values")
})

test_that("bad scenario arguments are R errors, not crashes", {
  err <- function(expr) tryCatch(expr, casus_error = conditionMessage)
  expect_match(err(invoke(attacker = "Atlantis", target = "UKR", date = "2025-09-01")),
               "Atlantis")
  expect_match(err(invoke(attacker = "RUS", target = "UKR", date = "2025-13-45")),
               "2025-13-45")
  expect_match(err(invoke(attacker = "RUS", target = c("UKR", "POL"), date = "2025-09-01")),
               "`target` must be one string")
  expect_match(err(invoke(attacker = "RUS", target = "UKR", date = "2025-09-01",
                          spec = "no-such-spec")), "no treaty `no-such-spec`")
  expect_match(err(invoke(attacker = "RUS", target = "UKR", date = "2025-09-01",
                          spec = "/no/such/file.toml")), "reading spec file /no/such/file.toml")
  expect_match(err(casus::compare("ukraine-a", attacker = "RUS", target = "UKR",
                                  date = "2025-09-01")), "two to eight specs")
  expect_match(err(reliability(min_hostility = 9)), "2 to 5")
  expect_match(err(reliability(mids = TRUE, min_hostility = 9)), "2 to 5")
  expect_match(err(reliability(from = "sometime")), "`from`")
  expect_match(err(reliability(from = 1950, to = 1900)), "from|to")
})
