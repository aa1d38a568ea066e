# The Rust routines (src/rust/src/lib.rs). Each returns its answer or a `casus_error`
# value, which .ok() raises as an R error.

rs_dyads <- function(years, add, directed) .Call(wrap__rs_dyads, years, add, directed)
rs_stateyears <- function(years, add) .Call(wrap__rs_stateyears, years, add)
rs_invoke <- function(attackers, scenario, specs, only_specs, all) {
  .Call(wrap__rs_invoke, attackers, scenario, specs, only_specs, all)
}
rs_compare <- function(attackers, scenario, specs, only_specs) {
  .Call(wrap__rs_compare, attackers, scenario, specs, only_specs)
}
rs_reliability <- function(mids, window, min_hostility, joiners, during_war, treaties) {
  .Call(wrap__rs_reliability, mids, window, min_hostility, joiners, during_war, treaties)
}
