# Reference values for tests/Analysis.Tests/Reports/CohortStatisticsTests.cs (run: Rscript reference.R).
age  <- c(45, 52, 61, 68, 74, 80)
pred <- c(49.5, 50.0, 66.2, 63.1, 79.9, 77.0)
dba  <- pred - age
obs  <- c(0.031, 0.024, 0.040, 0.019, 0.036, 0.028)   # p_pvs_voxel
expd <- c(0.025, 0.022, 0.030, 0.020, 0.027, 0.026)   # p_voxel
hipp <- c(1.2, 1.5, 1.1, 2.0, 2.4, 2.2)               # region relevance sums
amyg <- c(0.9, 0.4, 0.8, 0.3, 0.7, 0.2)
puta <- c(3.0, 2.8, 3.5, 3.1, 2.9, 3.3)
options(digits = 15)
ct <- cor.test(age, pred)
cat("mae", mean(abs(pred - age)), "\n")
cat("r", ct$estimate, "p", ct$p.value, "ci", ct$conf.int, "\n")
cat("dba", mean(dba), sd(dba), "\n")
tt <- t.test(obs, expd, paired = TRUE)
cat("paired t", tt$statistic, "df", tt$parameter, "p", tt$p.value, "mean", mean(obs), mean(expd), "\n")
p <- c(cor.test(hipp, age)$p.value, cor.test(amyg, age)$p.value, cor.test(puta, age)$p.value)
r <- c(cor(hipp, age), cor(amyg, age), cor(puta, age))
cat("regions r", r, "\n")
cat("regions p", p, "\n")
cat("bonferroni", p.adjust(p, "bonferroni"), "\n")
cat("BH", p.adjust(p, "BH"), "\n")
