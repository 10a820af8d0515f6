# Reference for the subcortical statistics: the original's run_subcortical_stats correlation step (pandas groupby on
# label_name, scipy pearsonr of sum_relevance with volume per configured ROI, rows sorted by |r| descending) as R's
# cor.test, with gm_subcortical_plots.R's Bonferroni p_bonf = p * nrow. Debian's R (r-base-core).
# Run from this folder:  Rscript subcortical.R
# Writes merged_subcort_aseg.csv (input: 30 subjects x bert's 45 aseg.stats structures, jittered; half of the subjects
# spell the thalami as FreeSurfer 6 does, Left/Right-Thalamus-Proper; one subject lacks Left-Amygdala, an NA row) and
# expected.csv (label_name,key,value; 17 significant digits).
set.seed(20261208)
bert <- file.path("..", "..", "..", "..", "..", "..", "shared", "data", "freesurfer", "bert", "stats", "aseg.stats")
aseg <- read.table(bert, comment.char = "#", stringsAsFactors = FALSE,
                   col.names = c("Column", "label_id", "voxel", "volume", "label_name", "Mean", "STD", "Min", "Max", "Range"))
rois <- c("Left-Lateral-Ventricle", "Left-Inf-Lat-Vent", "Left-Cerebellum-White-Matter", "Left-Cerebellum-Cortex",
          "Left-Thalamus", "Left-Caudate", "Left-Putamen", "Left-Pallidum", "Left-Hippocampus", "Left-Amygdala",
          "Left-Accumbens-area", "Right-Lateral-Ventricle", "Right-Inf-Lat-Vent", "Right-Cerebellum-White-Matter",
          "Right-Cerebellum-Cortex", "Right-Thalamus", "Right-Caudate", "Right-Putamen", "Right-Pallidum",
          "Right-Hippocampus", "Right-Amygdala", "Right-Accumbens-area", "3rd-Ventricle", "CSF", "Brain-Stem")
n <- 30
rows <- list()
for (k in 1:n) {
  s <- aseg
  age <- round(runif(1, 20, 80), 1)
  s$volume <- round(s$volume * exp(rnorm(nrow(s), 0, 0.1) + ifelse(grepl("Vent", s$label_name), 0.015 * (age - 50), 0)), 1)
  s$voxel <- round(s$volume * 0.95)
  s$subject <- sprintf("sub-%02d", k)
  s$source_basename <- "aseg.stats"
  s$sum_relevance <- signif(1e-6 * s$volume * ifelse(seq_len(nrow(s)) %% 2 == 0, 1, -0.3) + rnorm(nrow(s), 0, 0.002), 12)
  s$mean_relevance <- signif(s$sum_relevance / pmax(s$voxel, 1), 12)
  s$min_relevance <- signif(s$mean_relevance - 1e-5, 12)
  s$max_relevance <- signif(s$mean_relevance + 1e-5, 12)
  s$age <- age
  s$brain_age <- round(age + rnorm(1, 0, 4), 3)
  if (k %% 2 == 0) s$label_name <- sub("^(Left|Right)-Thalamus$", "\\1-Thalamus-Proper", s$label_name)
  if (k == 7) {
    s <- s[s$label_name != "Left-Amygdala", ]
    s[nrow(s) + 1, ] <- NA
    s$label_name[nrow(s)] <- "Left-Amygdala"; s$subject[nrow(s)] <- sprintf("sub-%02d", k)
    s$source_basename[nrow(s)] <- "aseg.stats"; s$age[nrow(s)] <- age
  }
  rows[[k]] <- s
}
merged <- do.call(rbind, rows)
merged$NA1 <- NA
merged$NA2 <- NA
merged <- merged[, c("Column", "label_id", "voxel", "volume", "label_name", "Mean", "STD", "Min", "Max", "Range", "NA1", "NA2",
                     "subject", "source_basename", "mean_relevance", "sum_relevance", "min_relevance", "max_relevance", "age", "brain_age")]
write.csv(merged, "merged_subcort_aseg.csv", row.names = FALSE, quote = FALSE, na = "")

# --- the original's correlation step (pearsonr per ROI; cor.test drops the NA row, as our analysis does)
sc_tab <- read.csv("merged_subcort_aseg.csv", stringsAsFactors = FALSE)
# FreeSurfer 6's thalamus names are the configured FreeSurfer 7 ROI (our StructureNames).
sc_tab$label_name <- sub("-Thalamus-Proper$", "-Thalamus", sc_tab$label_name)
res <- data.frame()
for (label_name in sort(unique(sc_tab$label_name))) {
  if (label_name %in% rois) {
    d <- sc_tab[sc_tab$label_name == label_name, ]
    ct <- cor.test(d$sum_relevance, d$volume)
    res <- rbind(res, data.frame(label_name = label_name, r = unname(ct$estimate), p = ct$p.value, n = unname(ct$parameter) + 2))
  }
}
res <- res[order(abs(res$r), decreasing = TRUE), ]
res$p_bonf <- as.numeric(res$p) * nrow(res)   # gm_subcortical_plots.R
res$significant <- ifelse(res$p_bonf < 0.05, "yes", "no")
out <- list()
put <- function(label, key, value) out[[length(out) + 1]] <<- data.frame(label_name = label, key = key,
  value = if (is.character(value)) value else sprintf("%.17g", value))
for (i in seq_len(nrow(res))) {
  put(res$label_name[i], "rank", i); put(res$label_name[i], "r", res$r[i]); put(res$label_name[i], "p", res$p[i])
  put(res$label_name[i], "p_bonf", res$p_bonf[i]); put(res$label_name[i], "n", res$n[i]); put(res$label_name[i], "significant", res$significant[i])
}
write.csv(do.call(rbind, out), "expected.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, ":", nrow(res), "ROIs,", n, "subjects\n")
