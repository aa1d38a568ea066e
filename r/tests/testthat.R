library(testthat)
library(casus)

test_check("casus")
