# Reference for the missingness check: the models of the original's check_N.R ("MODELS for age & sex differences") on a
# synthetic overview table. Debian's R (r-base-core).   Run from this folder:  Rscript check_N.R
# Writes relevance_related_data_overview.csv (input: 240 participants, sex f/m with two unknown, age, missing flags that
# depend a little on age and sex) and expected.csv (model,term,key,value; 17 significant digits).
set.seed(20261211)
n <- 240
sex <- sample(c("female", "male"), n, replace = TRUE)
sex[c(17, 90)] <- NA
age <- round(runif(n, 19, 82))
missing_t1 <- as.integer(runif(n) < plogis(-2.5 + 0.02 * (age - 50) + 0.8 * (sex %in% "male")))
missing_flair <- as.integer(missing_t1 == 1 | runif(n) < 0.03)
rr <- data.frame(subject = sprintf("LI%05d", 1:n), sex = sex, age = age,
                 missing_t1_relevance_map = missing_t1, missing_flair_relevance_map = missing_flair)
write.csv(rr, "relevance_related_data_overview.csv", row.names = FALSE, na = "")

rr <- read.csv("relevance_related_data_overview.csv", stringsAsFactors = FALSE, na.strings = "")
out <- list()
put <- function(model, term, key, value) out[[length(out) + 1]] <<- data.frame(model = model, term = term, key = key,
  value = sprintf("%.17g", value))
# --- check_N.R: lm(AGE_FS ~ missing_..._relevance_map) and chisq.test of sex by missing (Yates on the 2x2 table)
testage_t1 = lm(age ~ missing_t1_relevance_map, data = rr)
testage_flair = lm(age ~ missing_flair_relevance_map, data = rr)
for (m in list(list("lm(age ~ missing_t1_relevance_map)", testage_t1), list("lm(age ~ missing_flair_relevance_map)", testage_flair))) {
  sm <- summary(m[[2]]); co <- sm$coefficients
  for (term in rownames(co)) {
    put(m[[1]], term, "estimate", co[term, 1]); put(m[[1]], term, "std_error", co[term, 2])
    put(m[[1]], term, "t", co[term, 3]); put(m[[1]], term, "p", co[term, 4])
  }
  put(m[[1]], "model", "n", nobs(m[[2]])); put(m[[1]], "model", "r_squared", sm$r.squared)
  put(m[[1]], "model", "aic", AIC(m[[2]])); put(m[[1]], "model", "bic", BIC(m[[2]]))
}
for (col in c("missing_t1_relevance_map", "missing_flair_relevance_map")) {
  tab <- table(rr$sex, rr[[col]])
  ct <- chisq.test(tab)
  name <- paste0("chisq.test(table(sex, ", col, "))")
  put(name, "X-squared", "statistic", ct$statistic); put(name, "X-squared", "df", ct$parameter)
  put(name, "X-squared", "p", ct$p.value); put(name, "X-squared", "n", sum(tab))
}
write.csv(do.call(rbind, out), "expected.csv", row.names = FALSE)
cat(R.version.string, ": missing t1", sum(missing_t1), "flair", sum(missing_flair), "\n")
