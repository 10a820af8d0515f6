# Reference values for tests/Analysis.Tests/Statistics, computed with Debian's R (r-base-core).
# Run from this folder:  Rscript reference.R
# Writes cohort.csv (a small synthetic cohort WITH missing values: empty cells and NA) and expected.csv
# (long format: test,group,key,value; values printed with 17 significant digits).
set.seed(20261126)
n <- 48
site <- rep(c("A", "B", "C"), length.out = n)
sex <- sample(c("f", "m"), n, replace = TRUE)
age <- round(runif(n, 20, 80), 2)
dba_true <- 0.002 * (age - 50)^2 - 0.15 * (age - 50) + rnorm(n, 0, 3)
brain_age <- round(age + dba_true, 3)
volume <- round(5000 - 12 * age + rnorm(n, 0, 150), 1)
relevance <- round(0.01 * volume / 1000 + rnorm(n, 0, 0.02), 5)
score <- sample(1:6, n, replace = TRUE)            # many ties, for Spearman
x2 <- round(rnorm(n), 4)
x3 <- round(rnorm(n) + 0.3 * x2, 4)
y <- round(1.5 + 0.8 * relevance * 100 - 0.5 * x2 + 0.25 * x3 + rnorm(n), 4)
cohort <- data.frame(subject = sprintf("sub-%02d", 1:n), site, sex, age, brain_age, volume, relevance, score, x2, x3, y,
                     stringsAsFactors = FALSE)
# Missing values in several columns and in different rows, so pairwise and listwise dropping differ.
cohort$volume[c(3, 17, 30)] <- NA
cohort$relevance[c(5, 17, 41)] <- NA
cohort$age[c(8)] <- NA
cohort$brain_age[c(12, 44)] <- NA
cohort$score[c(9, 22)] <- NA
cohort$x2[c(6)] <- NA
cohort$x3[c(27, 33)] <- NA
cohort$y[c(14)] <- NA
# Write NA as empty cells in some columns and as "NA" in others (both must read as missing).
out <- cohort
for (col in c("volume", "age", "x3")) out[[col]] <- ifelse(is.na(out[[col]]), "", format(out[[col]], digits = 15, trim = TRUE))
write.csv(out, "cohort.csv", row.names = FALSE, quote = FALSE, na = "NA")

d <- read.csv("cohort.csv", na.strings = c("", "NA"), stringsAsFactors = FALSE)
rows <- list()
put <- function(test, group, key, value) {
  rows[[length(rows) + 1]] <<- data.frame(test = test, group = group, key = key,
                                          value = ifelse(is.na(value), "NA", sprintf("%.17g", value)))
}
cortest <- function(tag, group, x, y, method) {
  ct <- suppressWarnings(cor.test(x, y, method = method, exact = FALSE))
  ok <- complete.cases(x, y); nn <- sum(ok)
  put(tag, group, "n", nn)
  put(tag, group, "r", ct$estimate)
  if (method == "pearson") {
    put(tag, group, "t", ct$statistic); put(tag, group, "df", ct$parameter)
    put(tag, group, "ci_low", ct$conf.int[1]); put(tag, group, "ci_high", ct$conf.int[2])
  } else {
    rr <- ct$estimate; put(tag, group, "t", rr * sqrt((nn - 2) / (1 - rr^2))); put(tag, group, "df", nn - 2)
  }
  put(tag, group, "p", ct$p.value)
  ct$p.value
}
# Correlations, overall and per site.
for (g in c("all", "A", "B", "C")) {
  s <- if (g == "all") d else d[d$site == g, ]
  cortest("pearson_relevance_volume", g, s$relevance, s$volume, "pearson")
  cortest("spearman_relevance_volume", g, s$relevance, s$volume, "spearman")
  cortest("spearman_score_age", g, s$score, s$age, "spearman")
}
# p.adjust with an NA and a tie, and with a larger number of tests (structures x 2 hemispheres).
p <- c(0.01, 0.04, NA, 0.03, 0.005, 0.04, 0.2, 0.0001, 0.5, 0.012)
for (m in c("bonferroni", "holm", "BH")) {
  a <- p.adjust(p, m); for (i in seq_along(a)) put(paste0("padjust_", m), "n=default", i, a[i])
  a <- p.adjust(p, m, n = 2 * 17); for (i in seq_along(a)) put(paste0("padjust_", m), "n=34", i, a[i])
}
# OLS with missing values dropped listwise.
fit <- lm(y ~ relevance + x2 + x3 + age, data = d)
sm <- summary(fit)
for (term in rownames(sm$coefficients)) {
  put("ols_y", term, "estimate", sm$coefficients[term, 1]); put("ols_y", term, "std_error", sm$coefficients[term, 2])
  put("ols_y", term, "t", sm$coefficients[term, 3]); put("ols_y", term, "p", sm$coefficients[term, 4])
}
f <- sm$fstatistic
put("ols_y", "model", "n", length(fit$residuals)); put("ols_y", "model", "r_squared", sm$r.squared)
put("ols_y", "model", "adj_r_squared", sm$adj.r.squared); put("ols_y", "model", "f", f[1])
put("ols_y", "model", "f_df1", f[2]); put("ols_y", "model", "f_df2", f[3])
put("ols_y", "model", "f_p", pf(f[1], f[2], f[3], lower.tail = FALSE)); put("ols_y", "model", "sigma", sm$sigma)
# R's AIC() and BIC() of the same fit, and raw polynomial terms as the original fits them (PolynomialFeatures, np.polyfit):
# lm(brain_age ~ x2 + poly(age, 3, raw = TRUE)), coefficients in model order.
put("ols_y", "model", "aic", AIC(fit)); put("ols_y", "model", "bic", BIC(fit)); put("ols_y", "model", "loglik", as.numeric(logLik(fit)))
fitp <- lm(brain_age ~ x2 + poly(age, 3, raw = TRUE), data = d)
smp <- summary(fitp)
for (j in seq_len(nrow(smp$coefficients))) {
  put("ols_poly", j, "estimate", smp$coefficients[j, 1]); put("ols_poly", j, "std_error", smp$coefficients[j, 2])
  put("ols_poly", j, "t", smp$coefficients[j, 3]); put("ols_poly", j, "p", smp$coefficients[j, 4])
}
put("ols_poly", "model", "n", nobs(fitp)); put("ols_poly", "model", "r_squared", smp$r.squared)
put("ols_poly", "model", "aic", AIC(fitp)); put("ols_poly", "model", "bic", BIC(fitp))
# correct_data_for(var2cor = "volume", correct_for = "age", deg = 2): the polynomial fitted on the complete rows, subtracted from all.
ok <- complete.cases(d$volume, d$age)
fitr <- lm(volume ~ poly(age, 2, raw = TRUE), data = d[ok, ])
corrected <- d$volume - predict(fitr, newdata = d)
for (i in seq_len(nrow(d))) put("residualise_volume_age_deg2", d$subject[i], "poly-2-corrected_volume", corrected[i])
# Age-bias correction: residual of DBA on poly(age, 3) (orthogonal, as R users write it) and on age.
d$dba <- d$brain_age - d$age
for (deg in c(1, 3)) {
  # poly() refuses NA, so fit on the subjects with both values; the others stay NA.
  ok <- complete.cases(d$age, d$dba)
  m <- lm(dba ~ poly(age, deg), data = d[ok, ])
  res <- rep(NA_real_, nrow(d)); res[ok] <- residuals(m)
  for (i in seq_len(nrow(d))) put(paste0("agebias_deg", deg), d$subject[i], "dba_corrected", res[i])
}
for (i in seq_len(nrow(d))) put("agebias_dba", d$subject[i], "dba", d$dba[i])
# summarySE (Cookbook for R) per site, na.rm = TRUE, on relevance and on log(relevance + 2).
summarySE <- function(x, conf.interval = 0.95) {
  x <- x[!is.na(x)]; N <- length(x); m <- mean(x); s <- sd(x); se <- s / sqrt(N)
  c(N = N, mean = m, sd = s, se = se, ci = se * qt(conf.interval / 2 + 0.5, N - 1))
}
for (g in c("A", "B", "C")) {
  v <- summarySE(d$relevance[d$site == g]); for (k in names(v)) put("summary_relevance", g, k, v[[k]])
  v <- summarySE(log(d$relevance[d$site == g] + 2)); for (k in names(v)) put("summary_log_relevance", g, k, v[[k]])
}
put("qt", "0.975", "df=3", qt(0.975, 3)); put("qt", "0.975", "df=47", qt(0.975, 47)); put("qt", "0.995", "df=1.5", qt(0.995, 1.5))
# Cohen's d (pooled SD) of volume between the sexes.
cohend <- function(a, b) { a <- a[!is.na(a)]; b <- b[!is.na(b)]; na <- length(a); nb <- length(b)
  (mean(a) - mean(b)) / sqrt(((na - 1) * var(a) + (nb - 1) * var(b)) / (na + nb - 2)) }
put("cohens_d", "volume_f_vs_m", "d", cohend(d$volume[d$sex == "f"], d$volume[d$sex == "m"]))
# Chi-squared tests of independence: 2x2 with and without Yates, and 3x2 from the table's columns.
tab22 <- matrix(c(12, 5, 7, 15), nrow = 2)
for (cr in c(TRUE, FALSE)) { ct <- chisq.test(tab22, correct = cr); g <- paste0("2x2_correct=", cr)
  put("chisq", g, "statistic", ct$statistic); put("chisq", g, "df", ct$parameter); put("chisq", g, "p", ct$p.value) }
ct <- chisq.test(table(d$site, d$sex)); put("chisq", "site_x_sex", "statistic", ct$statistic)
put("chisq", "site_x_sex", "df", ct$parameter); put("chisq", "site_x_sex", "p", ct$p.value)
tab23 <- matrix(c(20, 15, 30, 25, 10, 40), nrow = 2)
ct <- chisq.test(tab23); put("chisq", "2x3", "statistic", ct$statistic); put("chisq", "2x3", "df", ct$parameter); put("chisq", "2x3", "p", ct$p.value)

# Voxel-wise maps: 10 subjects x 6 voxels, relevance and FA given here to the same digits as in the C# test.
rel <- matrix(c(
  0.1, 0.5, -0.2, 0.3, 0.0, 1.0,
  0.2, 0.4, -0.1, 0.1, 0.0, 2.0,
  0.3, 0.6, -0.3, 0.4, 0.0, 3.0,
  0.4, 0.2, -0.2, 0.2, 0.0, 4.0,
  0.5, 0.3, -0.5, 0.5, 0.0, 5.0,
  0.6, 0.8, -0.4, 0.3, 0.0, 6.0,
  0.7, 0.1, -0.6, 0.6, 0.0, 7.0,
  0.8, 0.9, -0.7, 0.2, 0.0, 8.0,
  0.9, 0.7, -0.8, 0.7, 0.0, 9.0,
  1.0, 0.6, -0.9, 0.4, 0.0, 10.0), nrow = 10, byrow = TRUE)
fa <- matrix(c(
  0.30, 0.2, 0.5, 0.40, 0.1, 0.90,
  0.32, 0.3, 0.6, 0.35, 0.2, 0.85,
  0.35, 0.1, 0.4, 0.42, 0.3, 0.70,
  0.37, 0.5, 0.7, 0.38, 0.4, 0.65,
  0.41, 0.4, 0.5, 0.45, 0.5, 0.50,
  0.42, 0.2, 0.8, 0.41, 0.6, 0.45,
  0.46, 0.6, 0.6, 0.47, 0.7, 0.30,
  0.47, 0.3, 0.9, 0.39, 0.8, 0.20,
  0.50, 0.5, 0.7, 0.50, 0.9, 0.15,
  0.53, 0.4, 1.0, 0.44, 1.0, 0.05), nrow = 10, byrow = TRUE)
# Round to single precision, as the maps are stored (C# reads the same float32 values).
single <- function(m) matrix(readBin(writeBin(as.vector(m), raw(), size = 4), "double", size = 4, n = length(m)), nrow = nrow(m))
rel <- single(rel); fa <- single(fa)
tested <- 0
for (v in 1:6) if (sd(rel[, v]) > 0 && sd(fa[, v]) > 0) tested <- tested + 1
for (v in 1:6) {
  a <- rel[, v]; b <- fa[, v]
  put("voxelwise", v, "cosine", if (sum(a^2) > 0) sum(a * b) / sqrt(sum(a^2) * sum(b^2)) else NA)
  if (sd(a) > 0 && sd(b) > 0) {
    ct <- cor.test(a, b)
    put("voxelwise", v, "r", ct$estimate); put("voxelwise", v, "neglog10p", -log10(min(1, ct$p.value * tested)))
  } else { put("voxelwise", v, "r", NA); put("voxelwise", v, "neglog10p", NA) }
}
# Within-subject similarity over a mask (voxels 1..5 of subject 3's relevance against subject 3's FA, mask drops 2).
mask <- c(TRUE, FALSE, TRUE, TRUE, TRUE, TRUE)
a <- rel[3, mask]; b <- fa[3, mask]
put("within_subject", "subject3", "r", cor(a, b)); put("within_subject", "subject3", "cosine", sum(a * b) / sqrt(sum(a^2) * sum(b^2)))

# Distribution tails far from the centre, where 1 - CDF would lose every digit.
put("tail", "pt_upper", "t=40;df=5", pt(40, 5, lower.tail = FALSE)); put("tail", "pt_upper", "t=8;df=100", pt(8, 100, lower.tail = FALSE))
put("tail", "pt_upper", "t=-1.5;df=7", pt(-1.5, 7, lower.tail = FALSE))
put("tail", "pf_upper", "f=200;df=4;35", pf(200, 4, 35, lower.tail = FALSE)); put("tail", "pf_upper", "f=0.7;df=3;12", pf(0.7, 3, 12, lower.tail = FALSE))
put("tail", "pchisq_upper", "x=150;df=3", pchisq(150, 3, lower.tail = FALSE)); put("tail", "pchisq_upper", "x=2.5;df=4", pchisq(2.5, 4, lower.tail = FALSE))
put("tail", "qnorm", "p=0.975", qnorm(0.975))

write.csv(do.call(rbind, rows), "expected.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, "\n")
