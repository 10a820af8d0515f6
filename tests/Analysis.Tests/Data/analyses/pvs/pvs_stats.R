# Reference for pvs_stats.R (figure 5) and the original's check_pvs_age_relationship / check_pvs_dba_relationship.
# Debian's R (r-base-core) with r-cran-plyr and r-cran-dplyr, as the script loads them.
# Run from this folder:  Rscript pvs_stats.R
# Writes the inputs T1-FLAIR.PVS_t1-subens.csv, T1-FLAIR.PVS_flair-subens.csv (60 subjects; some without PVS voxels,
# one without a brain age) and WMlesion.csv (60 subjects; lesion loads from 0 to a few hundred voxels, one outlier),
# and expected.csv (part,group,key,value; 17 significant digits).
library(plyr)
library(dplyr)
set.seed(20261210)
n <- 60
ids <- sprintf("sub-%03d", 1:n)
age <- round(runif(n, 20, 80), 1)
metrics <- function(n_mask, a_mask, a_voxel, ap_voxel) {
  nz <- 1500000
  s_voxel <- a_voxel * nz
  s_pos <- ap_voxel * nz * 0.6
  data.frame(a_voxel = a_voxel, s_voxel = s_voxel, n = n_mask, a = ifelse(n_mask > 0, a_mask, NA), s = ifelse(n_mask > 0, a_mask * n_mask, 0),
             as_voxel = s_voxel * n_mask, s_pos_voxel = s_pos, s_neg_voxel = s_voxel - s_pos,
             p = ifelse(n_mask > 0, a_mask * n_mask, 0) / s_pos, p_voxel = ap_voxel * n_mask / s_pos, ap_voxel = ap_voxel)
}
pvs_table <- function(file, brain_age) {
  n_pvs <- pmax(0, round(30 * (age - 20) + rnorm(n, 0, 300)))
  n_pvs[c(4, 19)] <- 0
  m <- metrics(n_pvs, signif(rnorm(n, 2e-5, 1e-5), 10), signif(rnorm(n, 5e-6, 4e-6), 10), signif(abs(rnorm(n, 1.5e-5, 3e-6)), 10))
  d <- data.frame(SIC = ids, m, age = age, brain_age = brain_age)
  names(d) <- c("SIC", "a_voxel", "s_voxel", "n_pvs_voxel", "a_pvs_voxel", "s_pvs_voxel", "as_voxel", "s_pos_voxel", "s_neg_voxel",
                "p_pvs_voxel", "p_voxel", "ap_voxel", "age", "brain_age")
  write.csv(d, file, row.names = FALSE, na = "")
}
brain_age <- round(age + 0.0004 * (age - 50)^3 - 0.1 * (age - 50) + rnorm(n, 0, 4), 4)
brain_age[11] <- NA
pvs_table("T1-FLAIR.PVS_t1-subens.csv", brain_age)
pvs_table("T1-FLAIR.PVS_flair-subens.csv", round(brain_age + rnorm(n, 0, 1), 4))
n_wml <- round(exp(rnorm(n, 3.5, 1.5)) * (age > 30))
m <- metrics(n_wml, signif(rnorm(n, 3e-5, 2e-5), 10), signif(rnorm(n, 5e-6, 4e-6), 10), signif(abs(rnorm(n, 1.5e-5, 3e-6)), 10))
m$a[which.max(n_wml)] <- 0.02   # the outlier the script drops
wml <- data.frame(sic = ids, m, age = age, brain_age = brain_age)
names(wml) <- c("sic", "a_voxel", "s_voxel", "n_wml_voxel", "a_wml_voxel", "s_wml_voxel", "as_voxel", "s_pos_voxel", "s_neg_voxel",
                "p_wml_voxel", "p_voxel", "ap_voxel", "age", "brain_age")
write.csv(wml, "WMlesion.csv", row.names = FALSE, na = "")

out <- list()
put <- function(part, group, key, value) out[[length(out) + 1]] <<- data.frame(part = part, group = group, key = key,
  value = ifelse(is.na(value), "NA", sprintf("%.17g", value)))

# --- pvs_stats.R: its summarySE and the final (figure 5) data frames
summarySE <- function(data=NULL, measurevar, groupvars=NULL, na.rm=FALSE,
                      conf.interval=.95, .drop=TRUE) {
  length2 <- function (x, na.rm=FALSE) {
    if (na.rm) sum(!is.na(x))
    else       length(x)
  }
  datac <- ddply(data, groupvars, .drop=.drop,
                 .fun = function(xx, col) {
                   c(N    = length2(xx[[col]], na.rm=na.rm),
                     mean = mean   (xx[[col]], na.rm=na.rm),
                     sd   = sd     (xx[[col]], na.rm=na.rm)
                   )
                 },
                 measurevar
  )
  datac <- plyr::rename(datac, c("mean" = measurevar))
  datac$se <- datac$sd / sqrt(datac$N)
  ciMult <- qt(conf.interval/2 + .5, datac$N-1)
  datac$ci <- datac$se * ciMult
  return(datac)
}
df_original_t1_comb <- read.csv("T1-FLAIR.PVS_t1-subens.csv")
df_t1_comb <- filter(df_original_t1_comb, n_pvs_voxel > 0)
df_original_flair_comb <- read.csv("T1-FLAIR.PVS_flair-subens.csv")
df_flair_comb <- filter(df_original_flair_comb, n_pvs_voxel > 0)
df_original <- read.csv("WMlesion.csv")
df <- filter(df_original, n_wml_voxel > 0)
df_n30 <- filter(df, n_wml_voxel > 30)
df1 <- data.frame(df_n30$a_wml_voxel, rep("WMH",length(df_n30$a_wml_voxel)))
names(df1)[1] <- "a"; names(df1)[2] <- "var"
df2 <- data.frame(df_n30$a_voxel, rep("Expected",length(df_n30$a_wml_voxel)))
names(df2)[1] <- "a"; names(df2)[2] <- "var"
df1<-rbind(df1,df2)
df_t1_comb1 <- data.frame(df_t1_comb$a_pvs_voxel, rep("PVS",length(df_t1_comb$a_pvs_voxel)))
names(df_t1_comb1)[1] <- "a"; names(df_t1_comb1)[2] <- "var"
df_t1_comb2 <- data.frame(df_t1_comb$a_voxel, rep("Expected",length(df_t1_comb$a_voxel)))
names(df_t1_comb2)[1] <- "a"; names(df_t1_comb2)[2] <- "var"
df_flair_comb1 <- data.frame(df_flair_comb$a_pvs_voxel, rep("PVS",length(df_flair_comb$a_pvs_voxel)))
names(df_flair_comb1)[1] <- "a"; names(df_flair_comb1)[2] <- "var"
df_flair_comb2 <- data.frame(df_flair_comb$a_voxel, rep("Expected",length(df_flair_comb$a_voxel)))
names(df_flair_comb2)[1] <- "a"; names(df_flair_comb2)[2] <- "var"
df_t1_comb1<-rbind(df_t1_comb1,df_t1_comb2)
df_t1_comb1 <- df_t1_comb1 %>% mutate(a_transformed = log1p(a + 1))
df_flair_comb1<-rbind(df_flair_comb1,df_flair_comb2)
df_flair_comb1 <- df_flair_comb1 %>% mutate(a_transformed = log1p(a + 1))
df1 <- df1 %>% mutate(a_transformed = log1p(a + 1))
df1 <- subset(df1, a_transformed < max(a_transformed))
summary_WML <- summarySE(data=df1, measurevar="a_transformed", groupvars="var", na.rm=FALSE, conf.interval=.95)
summary_t1_comb <- summarySE(data=df_t1_comb1, measurevar="a_transformed", groupvars="var", na.rm=FALSE, conf.interval=.95)
summary_flair_comb <- summarySE(data=df_flair_comb1, measurevar="a_transformed", groupvars="var", na.rm=FALSE, conf.interval=.95)
for (panel in c("T1", "FLAIR", "WML")) {
  s <- switch(panel, T1 = summary_t1_comb, FLAIR = summary_flair_comb, WML = summary_WML)
  for (i in seq_len(nrow(s))) for (k in c("N", "a_transformed", "sd", "se", "ci")) put("summarySE", paste(panel, s$var[i], sep = "/"), k, s[[k]][i])
  d <- switch(panel, T1 = df_t1_comb1, FLAIR = df_flair_comb1, WML = df1)
  put("long", panel, "rows", nrow(d)); put("long", panel, "sum_a_transformed", sum(d$a_transformed))
}

# --- check_pvs_age_relationship / check_pvs_dba_relationship on the T1 table (statsmodels there; R's lm here)
for (file in c("T1-FLAIR.PVS_t1-subens.csv", "T1-FLAIR.PVS_flair-subens.csv")) {
  df_pvs <- read.csv(file)
  stem <- sub("-subens.csv", "", file)
  ct <- cor.test(df_pvs$age, df_pvs$n_pvs_voxel)
  put(stem, "cor.test(age, n_pvs_voxel)", "r", ct$estimate); put(stem, "cor.test(age, n_pvs_voxel)", "p", ct$p.value)
  put(stem, "cor.test(age, n_pvs_voxel)", "t", ct$statistic)
  df_pvs$dba <- df_pvs$brain_age - df_pvs$age
  # correct_data_for(var2cor = "dba", correct_for = "age", deg = 3): np.polyfit on the complete rows, applied to all rows.
  ok <- complete.cases(df_pvs$dba, df_pvs$age)
  fit <- lm(dba ~ poly(age, 3, raw = TRUE), data = df_pvs[ok, ])
  df_pvs$`poly-3-corrected_dba` <- df_pvs$dba - predict(fit, newdata = df_pvs)
  for (i in seq_len(nrow(df_pvs))) put(stem, df_pvs$SIC[i], "poly-3-corrected_dba", df_pvs$`poly-3-corrected_dba`[i])
  models <- list(
    "lm(dba ~ poly(age, 3, raw = TRUE))" = fit,
    "lm(n_pvs_voxel ~ dba)" = lm(n_pvs_voxel ~ dba, data = df_pvs),
    "lm(n_pvs_voxel ~ poly-3-corrected_dba)" = lm(n_pvs_voxel ~ `poly-3-corrected_dba`, data = df_pvs))
  for (name in names(models)) {
    m <- models[[name]]; sm <- summary(m)
    co <- sm$coefficients
    for (j in seq_len(nrow(co))) {
      g <- paste(name, j, sep = "#")
      put(stem, g, "estimate", co[j, 1]); put(stem, g, "std_error", co[j, 2]); put(stem, g, "t", co[j, 3]); put(stem, g, "p", co[j, 4])
    }
    put(stem, name, "n", nobs(m)); put(stem, name, "r_squared", sm$r.squared); put(stem, name, "aic", AIC(m)); put(stem, name, "bic", BIC(m))
  }
}
write.csv(do.call(rbind, out), "expected.csv", row.names = FALSE, quote = TRUE)
cat(R.version.string, "\n")
