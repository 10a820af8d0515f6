# Reference for the FA statistics: the calls of the original's analysis_FA_JHU.R (branch rscripts) on synthetic
# merged_fa-{flair,t1}_jhu.csv tables (25 subjects x the 48 JHU white-matter labels). Debian's R (r-base-core).
# Run from this folder:  Rscript analysis_FA_JHU.R
# Writes the two inputs and expected.csv (sequence,id,key,value; 17 significant digits). One label of one subject has
# no voxels (NA statistics), which cor.test leaves out.
set.seed(20261209)
jhu <- c("Middle cerebellar peduncle", "Pontine crossing tract (a part of MCP)", "Genu of corpus callosum",
  "Body of corpus callosum", "Splenium of corpus callosum", "Fornix (column and body of fornix)")
for (tract in c("Corticospinal tract", "Medial lemniscus", "Inferior cerebellar peduncle", "Superior cerebellar peduncle",
  "Cerebral peduncle", "Anterior limb of internal capsule", "Posterior limb of internal capsule",
  "Retrolenticular part of internal capsule", "Anterior corona radiata", "Superior corona radiata", "Posterior corona radiata",
  "Posterior thalamic radiation (include optic radiation)",
  "Sagittal stratum (include inferior longitidinal fasciculus and inferior fronto-occipital fasciculus)", "External capsule",
  "Cingulum (cingulate gyrus)", "Cingulum (hippocampus)",
  "Fornix (cres) / Stria terminalis (can not be resolved with current resolution)", "Superior longitudinal fasciculus",
  "Superior fronto-occipital fasciculus (could be a part of anterior internal capsule)", "Uncinate fasciculus", "Tapetum"))
  jhu <- c(jhu, paste(tract, "R"), paste(tract, "L"))
hemi <- ifelse(grepl("L", jhu), "left", ifelse(grepl("R", jhu), "right", "both"))   # the original's rule
make <- function(seq, n) {
  rows <- list()
  for (k in 1:n) {
    age <- round(runif(1, 20, 80), 1)
    nvox <- round(runif(length(jhu), 40, 900))
    mean_fa <- round(pmin(1, pmax(0, 0.75 - 0.003 * (age - 20) + rnorm(length(jhu), 0, 0.06))), 6)
    sum_rel <- signif(ifelse(seq_along(jhu) %% 4 == 0, -0.02, 0.002) * mean_fa + rnorm(length(jhu), 0, 0.004), 12)
    rows[[k]] <- data.frame(hemisphere = hemi, structure_name = jhu, subject = sprintf("sub-%02d", k), label_id = seq_along(jhu),
      n_voxels = nvox, min_fa = 0, max_fa = 1, mean_fa = mean_fa, sum_fa = mean_fa * nvox,
      min_relevance = signif(sum_rel / nvox - 1e-5, 12), max_relevance = signif(sum_rel / nvox + 1e-5, 12),
      mean_relevance = signif(sum_rel / nvox, 12), sum_relevance = sum_rel, age = age, brain_age = round(age + rnorm(1, 0, 5), 3))
  }
  d <- do.call(rbind, rows)
  d[d$subject == "sub-03" & d$label_id == 12, c("n_voxels")] <- 0
  d[d$subject == "sub-03" & d$label_id == 12, c("min_fa", "max_fa", "mean_fa", "sum_fa", "min_relevance", "max_relevance",
    "mean_relevance", "sum_relevance")] <- NA
  write.csv(d, paste0("merged_fa-", seq, "_jhu.csv"), row.names = FALSE, na = "")
}
make("flair", 25)
make("t1", 25)

out <- list()
put <- function(seq, id, key, value) out[[length(out) + 1]] <<- data.frame(sequence = seq, id = id, key = key,
  value = if (is.character(value)) value else sprintf("%.17g", value))
for (seq in c("flair", "t1")) {
  # --- analysis_FA_JHU.R, as the original
  df <- read.csv(paste0("merged_fa-", seq, "_jhu.csv"))
  names <- unique(df$structure_name)
  labels <- unique(df$label_id)
  df_corr = data.frame()
  for (i in 1:length(labels)){
    data = df[df$label_id == i,]
    res = cor.test(data$mean_fa, data$sum_relevance,
                  method = "pearson")
    output = c(names[i],
               labels[i],
               cor(data$mean_fa, data$sum_relevance, method= "pearson", use = "complete.obs"),
               res$p.value)
    df_corr = rbind(df_corr, output)
  }
  colnames(df_corr)=c("name","id","r","p")
  df_corr$r <- as.numeric(df_corr$r)
  df_corr$p <- as.numeric(df_corr$p)
  df_corr$id <- as.numeric(df_corr$id)
  df_corr$p_bonf <- as.numeric(df_corr$p) * length(names)
  for (i in seq_len(nrow(df_corr))) {
    put(seq, df_corr$id[i], "name", df_corr$name[i]); put(seq, df_corr$id[i], "r", df_corr$r[i])
    put(seq, df_corr$id[i], "p", df_corr$p[i]); put(seq, df_corr$id[i], "p_bonf", df_corr$p_bonf[i])
  }
}
write.csv(do.call(rbind, out), "expected.csv", row.names = FALSE)
cat(R.version.string, "\n")
