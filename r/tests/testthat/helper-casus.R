# Where the repository and the CLI are, for the tests that compare with them.

# The repository root: CASUS_REPO, or found from the test directory of the source tree.
repo_root <- function() {
  env <- Sys.getenv("CASUS_REPO")
  for (d in c(env, "../../..", "../../../..")) {
    if (nzchar(d) && file.exists(file.path(d, "crates", "dyad", "Cargo.toml"))) {
      return(normalizePath(d))
    }
  }
  NULL
}

# The casus CLI binary (CASUS_BIN), or NULL: tests comparing with the CLI skip without it.
casus_bin <- function() {
  b <- Sys.getenv("CASUS_BIN")
  if (nzchar(b) && file.exists(b)) b else NULL
}

# Per year: row count, then per numeric column but `year` the sum of the non-NA values
# and the NA count — the format of `casus dyads --fingerprint` and of
# peacesciencer-P1-fingerprint.csv, computed here from the data.frame R received.
fingerprint <- function(df) {
  year <- df$year
  out <- data.frame(year = sort(unique(year)))
  out$n <- as.vector(table(year))
  for (col in setdiff(names(df), "year")) {
    x <- df[[col]]
    if (!is.numeric(x)) next
    out[[paste0(col, "_sum")]] <- as.vector(rowsum(x, year, na.rm = TRUE))
    out[[paste0(col, "_na")]] <- as.vector(rowsum(as.numeric(is.na(x)), year))
  }
  out
}

# Compares two fingerprints: same columns, counts exact, sums to a relative tolerance
# (summation order differs). Returns the differences as text.
fingerprint_diff <- function(got, want, tol = 1e-9) {
  if (!identical(names(got), names(want))) {
    return(paste("columns differ:", paste(setdiff(union(names(got), names(want)),
                                                  intersect(names(got), names(want))),
                                          collapse = ", ")))
  }
  if (!identical(as.numeric(got$year), as.numeric(want$year))) return("years differ")
  diffs <- character()
  for (col in names(want)[-1]) {
    a <- as.numeric(got[[col]])
    b <- as.numeric(want[[col]])
    bad <- if (endsWith(col, "_sum")) abs(a - b) > tol * pmax(1, abs(b)) else a != b
    if (any(bad)) {
      i <- which(bad)[1]
      diffs <- c(diffs, sprintf("%s in %d: %s vs %s", col, got$year[i], a[i], b[i]))
    }
  }
  diffs
}
