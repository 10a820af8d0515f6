# Reference for the cortical (CS) statistics: the calls of the original's gm_cortical_surface_plots.R (branch rscripts)
# on a bert-derived merged_cs_dktbase.csv, plus the whole-cortex correlations we add. Debian's R (r-base-core).
# Run from this folder:  Rscript gm_cortical_surface_plots.R
# Writes merged_cs_dktbase.csv (input: 40 subjects x bert's 68 Desikan-Killiany regions, values jittered around bert's
# lh/rh.aparc.stats, relevance tied to grey-matter volume in some regions, a few missing relevance values) and
# expected.csv (long format: table,label,key,value; 17 significant digits).
set.seed(20261207)
bert <- file.path("..", "..", "..", "..", "..", "..", "shared", "data", "freesurfer", "bert", "stats")
cols <- c("structure_name", "number_of_vertices", "surface_area_mm^2", "gray_matter_volume_mm^3", "average_thickness_mm",
          "thickness_stddev_mm", "integrated_rectified_mean_curvature_mm^-1", "integrated_rectified_gaussian_curvature_mm^-2",
          "folding_index", "intrinsic_curvature_index")
read_stats <- function(hemi) {
  s <- read.table(file.path(bert, paste0(hemi, ".aparc.stats")), comment.char = "#", col.names = cols, check.names = FALSE,
                  stringsAsFactors = FALSE)
  s$hemisphere <- if (hemi == "lh") "left" else "right"
  s$source_basename <- paste0(hemi, ".aparc.stats")
  s
}
base <- rbind(read_stats("lh"), read_stats("rh"))
dk <- c("bankssts", "caudalanteriorcingulate", "caudalmiddlefrontal", "cuneus", "entorhinal", "fusiform", "inferiorparietal",
        "inferiortemporal", "isthmuscingulate", "lateraloccipital", "lateralorbitofrontal", "lingual", "medialorbitofrontal",
        "middletemporal", "parahippocampal", "paracentral", "parsopercularis", "parsorbitalis", "parstriangularis", "pericalcarine",
        "postcentral", "posteriorcingulate", "precentral", "precuneus", "rostralanteriorcingulate", "rostralmiddlefrontal",
        "superiorfrontal", "superiorparietal", "superiortemporal", "supramarginal", "frontalpole", "temporalpole",
        "transversetemporal", "insula")
base$label_id <- match(base$structure_name, dk) + ifelse(base$hemisphere == "left", 1000, 2000)
n <- 40
rows <- list()
for (k in 1:n) {
  s <- base
  age <- round(runif(1, 20, 80), 1)
  shrink <- 1 - 0.004 * (age - 20)
  s$`gray_matter_volume_mm^3` <- round(s$`gray_matter_volume_mm^3` * shrink * exp(rnorm(nrow(s), 0, 0.08)))
  s$average_thickness_mm <- round(s$average_thickness_mm * shrink * exp(rnorm(nrow(s), 0, 0.05)), 3)
  s$number_of_vertices <- round(s$number_of_vertices * exp(rnorm(nrow(s), 0, 0.05)))
  s$`surface_area_mm^2` <- round(s$`surface_area_mm^2` * exp(rnorm(nrow(s), 0, 0.05)))
  s$subject <- sprintf("sub-%03d", k)
  coupling <- ifelse(seq_len(nrow(s)) %% 3 == 0, -2e-6, 0)
  s$sum_relevance <- signif(coupling * s$`gray_matter_volume_mm^3` + rnorm(nrow(s), 0, 0.004), 12)
  voxels <- round(s$`gray_matter_volume_mm^3`)
  s$mean_relevance <- signif(s$sum_relevance / voxels, 12)
  s$min_relevance <- signif(s$mean_relevance - abs(rnorm(nrow(s), 0, 1e-5)), 12)
  s$max_relevance <- signif(s$mean_relevance + abs(rnorm(nrow(s), 0, 1e-5)), 12)
  s$age <- age
  s$brain_age <- round(age + rnorm(1, 0, 5), 3)
  rows[[k]] <- s
}
merged <- do.call(rbind, rows)
# A label without voxels in the label volume has no relevance (NA): a few, in different subjects and regions.
for (i in c(7, 200, 1500, 2222)) merged[i, c("mean_relevance", "sum_relevance", "min_relevance", "max_relevance")] <- NA
merged <- merged[, c("hemisphere", cols, "subject", "source_basename", "label_id", "mean_relevance", "sum_relevance",
                     "min_relevance", "max_relevance", "age", "brain_age")]
write.csv(merged, "merged_cs_dktbase.csv", row.names = FALSE, quote = FALSE, na = "")

# --- gm_cortical_surface_plots.R, as the original (readr::read_csv there; read.csv keeps the names with check.names = FALSE)
df <- read.csv("merged_cs_dktbase.csv", check.names = FALSE, stringsAsFactors = FALSE)
df$label <- paste(df$hemisphere, df$structure_name, sep = "_")
df$label <- gsub("left", "lh", df$label)
df$label <- gsub("right", "rh", df$label)
unique_labels <- unique(df$label)
correlation_results_gmv <- data.frame(label = character(), correlation = numeric())
for (label in unique_labels) {
  subset_data <- df[df$label == label, ]
  cor_test_result <- cor.test(subset_data$sum_relevance, subset_data$`gray_matter_volume_mm^3`)
  correlation_value <- cor_test_result$estimate
  p_value <- cor_test_result$p.value
  p_value_corrected <- p_value * length(unique_labels)  # Bonferroni correction
  new_row <- data.frame(label = label, r = correlation_value, p_value = p_value, p_value_corrected = p_value_corrected)
  correlation_results_gmv <- rbind(correlation_results_gmv, new_row)
}
correlation_results_ct <- data.frame(label = character(), correlation = numeric())
for (label in unique_labels) {
  subset_data <- df[df$label == label, ]
  cor_test_result <- cor.test(subset_data$sum_relevance, subset_data$average_thickness_mm)
  correlation_value <- cor_test_result$estimate
  p_value <- cor_test_result$p.value
  p_value_corrected <- p_value * length(unique_labels)  # Bonferroni correction
  new_row <- data.frame(label = label, r = correlation_value, p_value = p_value, p_value_corrected = p_value_corrected)
  correlation_results_ct <- rbind(correlation_results_ct, new_row)
}
correlation_results_gmv$significant <- ifelse(correlation_results_gmv$p_value_corrected < 0.05, "yes", "no")
correlation_results_ct$significant <- ifelse(correlation_results_ct$p_value_corrected < 0.05, "yes", "no")

# --- ours: the whole cortex per subject (summed relevance vs total GMV and vertex-weighted mean thickness)
subjects <- unique(df$subject)
total_relevance <- sapply(subjects, function(s) sum(df$sum_relevance[df$subject == s]))
total_gmv <- sapply(subjects, function(s) sum(df$`gray_matter_volume_mm^3`[df$subject == s]))
weighted_ct <- sapply(subjects, function(s) { d <- df[df$subject == s, ]; sum(d$average_thickness_mm * d$number_of_vertices) / sum(d$number_of_vertices) })
whole <- list(total_gray_matter_volume_mm3 = cor.test(total_relevance, total_gmv),
              vertex_weighted_average_thickness_mm = cor.test(total_relevance, weighted_ct))

out <- list()
put <- function(table, label, key, value) out[[length(out) + 1]] <<- data.frame(table = table, label = label, key = key,
  value = if (is.character(value)) value else ifelse(is.na(value), "NA", sprintf("%.17g", value)))
for (t in c("gmv", "ct")) {
  res <- if (t == "gmv") correlation_results_gmv else correlation_results_ct
  for (i in seq_len(nrow(res))) {
    put(t, res$label[i], "r", res$r[i]); put(t, res$label[i], "p_value", res$p_value[i])
    put(t, res$label[i], "p_value_corrected", res$p_value_corrected[i]); put(t, res$label[i], "significant", res$significant[i])
  }
}
for (m in names(whole)) {
  put("wholebrain", m, "n", whole[[m]]$parameter + 2); put("wholebrain", m, "r", whole[[m]]$estimate)
  put("wholebrain", m, "p_value", whole[[m]]$p.value)
}
write.csv(do.call(rbind, out), "expected.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, ":", length(unique_labels), "labels,", length(subjects), "subjects\n")
