# R arguments to the plain types the Rust routines take. Type errors stop here with the
# argument's name; values (years, names, dates, ids) are checked by casus itself.

# Raises a casus_error value from Rust as an R error of class "casus_error", reported as
# raised by the exported function that called .ok().
.ok <- function(x) {
  if (inherits(x, "casus_error")) {
    stop(structure(
      class = c("casus_error", "error", "condition"),
      list(message = paste0(unclass(x), collapse = "\n"), call = sys.call(-1))
    ))
  }
  x
}

.fail <- function(fmt, ...) {
  stop(structure(
    class = c("casus_error", "error", "condition"),
    list(message = sprintf(fmt, ...), call = NULL)
  ))
}

.years <- function(x, name) {
  if (is.null(x)) return(numeric())
  if (!is.numeric(x) || length(x) == 0) {
    .fail("`%s` must be a year or c(first, last), e.g. c(1816, 2016)", name)
  }
  as.double(x)
}

.flag <- function(x, name) {
  if (!is.logical(x) || length(x) != 1 || is.na(x)) {
    .fail("`%s` must be TRUE or FALSE", name)
  }
  x
}

.strings <- function(x, name, example) {
  if (is.null(x)) return(character())
  if (!is.character(x) || anyNA(x)) {
    .fail("`%s` must be a character vector without NA, e.g. %s", name, example)
  }
  x
}

# One optional string ("" when NULL); Dates become YYYY-MM-DD, whole numbers (years) text.
.string <- function(x, name, example) {
  if (is.null(x)) return("")
  if (inherits(x, "Date") && length(x) == 1 && !is.na(x)) x <- format(x, "%Y-%m-%d")
  if (is.numeric(x) && length(x) == 1 && !is.na(x) && x == round(x)) {
    x <- format(x, scientific = FALSE)
  }
  if (!is.character(x) || length(x) != 1 || is.na(x)) {
    .fail("`%s` must be one string, e.g. %s", name, example)
  }
  x
}
