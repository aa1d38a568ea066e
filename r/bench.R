# Timing of the P1 table from R, conversion to a data.frame included (BENCHMARKS.md).
# Run after installing the package: Rscript r/bench.R [runs]
# Cold: the first call of a session (loads the bundled data); warm: later calls.
library(casus)
runs <- if (length(commandArgs(TRUE))) as.integer(commandArgs(TRUE)[1]) else 15L
add <- c("atop", "nmc", "contiguity", "majors", "gml-mids", "capdist")
p1 <- function() dyads(years = c(1816, 2016), add = add)
secs <- function(f) { t <- proc.time()[["elapsed"]]; x <- f(); list(proc.time()[["elapsed"]] - t, x) }

cold <- secs(p1)
stopifnot(nrow(cold[[2]]) == 1912290L)
x <- NULL
warm <- vapply(seq_len(runs), function(i) {
  x <<- NULL
  invisible(gc(verbose = FALSE))  # free the previous table outside the timing
  secs(p1)[[1]]
}, 0)
d <- vapply(seq_len(runs), function(i) secs(function() create_dyadyears(subset_years = 1816:2016))[[1]], 0)
cat(sprintf("P1 cold (first call, loads the data): %.3f s\n", cold[[1]]))
cat(sprintf("P1 warm, %d runs: median %.3f s, min %.3f s, max %.3f s\n",
            runs, median(warm), min(warm), max(warm)))
cat(sprintf("create_dyadyears(1816:2016), %d runs: median %.3f s\n", runs, median(d)))
cat(sprintf("load average: %s\n", paste(readLines("/proc/loadavg"), collapse = " ")))
