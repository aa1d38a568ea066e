// R's entry point: registers the routines of the Rust library (extendr_module! `casus`).
void R_init_casus_extendr(void *dll);

void R_init_casus(void *dll) {
    R_init_casus_extendr(dll);
}
