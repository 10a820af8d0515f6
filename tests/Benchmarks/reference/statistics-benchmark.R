# The same work as StatisticsBenchmarks.cs, timed in R (Debian r-base-core), for the README's comparison.
# Run: Rscript tests/Benchmarks/reference/statistics-benchmark.R
set.seed(42)
subjects <- 10000; regions <- 100
age <- runif(subjects, 20, 80); sex <- sample(0:1, subjects, replace = TRUE)
c1 <- rnorm(subjects); c2 <- rnorm(subjects); c3 <- rnorm(subjects)
reg <- sapply(0:(regions - 1), function(r) { v <- 0.01 * r * age + 0.5 * sex + rnorm(subjects); v[runif(subjects) < 0.01] <- NA; v })
d <- data.frame(age, sex, c1, c2, c3)
# Elapsed (wall) and CPU (user + system) seconds: on a shared machine the CPU time is the fairer comparison.
best <- function(f, times = 5) { t <- sapply(seq_len(times), function(i) { st <- system.time(f()); c(st[["elapsed"]], st[["user.self"]] + st[["sys.self"]]) })
  c(median = median(t[1, ]), min = min(t[1, ]), cpu = median(t[2, ])) }
corr <- best(function() { p <- apply(reg, 2, function(v) cor.test(v, age)$p.value); p.adjust(p, "bonferroni") })
ols <- best(function() { for (r in 1:regions) { d$y <- reg[, r]; s <- summary(lm(y ~ age + sex + c1 + c2 + c3, data = d)); f <- s$fstatistic; pf(f[1], f[2], f[3], lower.tail = FALSE) } })
cat(sprintf("R %s\n", R.version.string))
cat(sprintf("correlation + Bonferroni, %d x %d: median %.3f s wall (min %.3f s), %.3f s CPU, over 5 runs\n", subjects, regions, corr[["median"]], corr[["min"]], corr[["cpu"]]))
cat(sprintf("OLS 5 predictors per region, %d x %d: median %.3f s wall (min %.3f s), %.3f s CPU, over 5 runs\n", subjects, regions, ols[["median"]], ols[["min"]], ols[["cpu"]]))
