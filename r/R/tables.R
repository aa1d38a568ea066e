#' Dyad-year table
#'
#' Builds a dyad-year table like peacesciencer's `create_dyadyears()` followed by its
#' `add_*()` functions, from the data bundled with casus (COW state system v2016, ATOP
#' 5.1, COW NMC 7.0, COW direct contiguity 3.2, COW major powers 2016, GML MID 2.2.1,
#' peacesciencer's capitals). Rows are sorted by `ccode1`, `ccode2`, `year`; columns
#' follow the order of `add`, as peacesciencer's follow the order of the `add_*()` calls.
#'
#' Column names and types are peacesciencer's: every numeric column is a double, except
#' `year` when nothing is added (an integer, as `create_dyadyears()` returns it). Missing
#' values are `NA`. The attributes `ps_data_type` (`"dyad_year"`) and `ps_system`
#' (`"cow"`) are set as peacesciencer sets them.
#'
#' The first call in a session loads the bundled data (a few tenths of a second); later
#' calls reuse it.
#'
#' @param years One year, or `c(first, last)`. `NULL`: 1816 to the current year (last
#'   year), as peacesciencer.
#' @param add Variables to add, in order: any of `"atop"`, `"nmc"`, `"contiguity"`,
#'   `"majors"`, `"gml-mids"`, `"capdist"`, `"sscore"` (peacesciencer's `add_*` names,
#'   such as `"add_atop_alliance"`, are accepted too). A character vector or one
#'   comma-separated string.
#' @param directed `TRUE` (default): both (a, b) and (b, a); `FALSE`: only
#'   `ccode1 < ccode2`.
#' @return A data.frame.
#' @examples
#' \donttest{
#' p1 <- dyads(years = c(1816, 2016),
#'             add = c("atop", "nmc", "contiguity", "majors", "gml-mids", "capdist"))
#' nrow(p1)  # 1912290
#' }
#' @export
dyads <- function(years = NULL, add = character(), directed = TRUE) {
  add <- .strings(add, "add", 'c("atop", "nmc")')
  .ok(rs_dyads(.years(years, "years"), paste(add, collapse = ","),
               .flag(directed, "directed")))
}

#' State-year table
#'
#' Builds a state-year table like peacesciencer's `create_stateyears()` followed by
#' `add_nmc()` and `add_cow_majors()`. Columns: `ccode`, `cw_name`, `year`, then the
#' variables of `add`; rows sorted by `ccode`, `year`. Types as in [dyads()].
#'
#' @inheritParams dyads
#' @param add Variables to add, in order: `"nmc"`, `"majors"`.
#' @return A data.frame.
#' @examples
#' \donttest{
#' p3 <- stateyears(years = c(1816, 2016), add = c("nmc", "majors"))
#' nrow(p3)  # 15951
#' }
#' @export
stateyears <- function(years = NULL, add = character()) {
  add <- .strings(add, "add", 'c("nmc", "majors")')
  .ok(rs_stateyears(.years(years, "years"), paste(add, collapse = ",")))
}

# peacesciencer's system/mry/subset_years arguments as a casus year range.
.ps_years <- function(system, mry, subset_years) {
  if (!identical(system, "cow")) {
    .fail('`system` is %s; casus bundles the COW state system only: use system = "cow"',
          deparse(system))
  }
  if (!isTRUE(mry)) {
    .fail("`mry = FALSE` is not supported: casus always carries the system to the current year, as mry = TRUE")
  }
  if (is.null(subset_years)) return(NULL)
  y <- .years(subset_years, "subset_years")
  if (anyNA(y)) .fail("`subset_years` has an NA")
  r <- range(y)
  if (length(unique(y)) != r[2] - r[1] + 1) {
    .fail("`subset_years` must be consecutive years (e.g. 1816:2016); casus builds one range of years")
  }
  r
}

#' peacesciencer's create_dyadyears()
#'
#' The same arguments as peacesciencer's `create_dyadyears()`; the result is that of
#' [dyads()] with no variables added.
#'
#' @param system `"cow"` (the only state system bundled).
#' @param mry `TRUE` (casus always carries the system to the current year).
#' @param directed As in [dyads()].
#' @param subset_years Consecutive years, e.g. `1816:2016`; `NULL` for all.
#' @return A data.frame with `ccode1`, `ccode2` (doubles) and `year` (integer).
#' @examples
#' \donttest{
#' nrow(create_dyadyears(subset_years = 1816:2016))  # 1912290
#' }
#' @export
create_dyadyears <- function(system = "cow", mry = TRUE, directed = TRUE,
                             subset_years = NULL) {
  dyads(years = .ps_years(system, mry, subset_years), directed = directed)
}

#' peacesciencer's create_stateyears()
#'
#' The same arguments as peacesciencer's `create_stateyears()`; the result is that of
#' [stateyears()] with no variables added.
#'
#' @inheritParams create_dyadyears
#' @return A data.frame with `ccode` (double), `cw_name` (character) and `year`
#'   (integer).
#' @examples
#' \donttest{
#' nrow(create_stateyears(subset_years = 1816:2016))  # 15951
#' }
#' @export
create_stateyears <- function(system = "cow", mry = TRUE, subset_years = NULL) {
  stateyears(years = .ps_years(system, mry, subset_years))
}
