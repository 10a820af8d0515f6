# Peer timing for AnalysesBenchmarks.CorticalStatistics: gm_cortical_surface_plots.R's two correlation loops (as the
# original writes them, subsetting the data frame per label and growing the result with rbind) on 2,000 subjects x 68
# regions. Run: Rscript tests/Benchmarks/reference/cortical-benchmark.R
set.seed(7)
n <- 2000
df <- data.frame(hemisphere = rep(rep(c("left", "right"), each = 34), n), structure_name = rep(paste0("region", 0:33), 2 * n))
df$`gray_matter_volume_mm^3` <- 2000 + 8000 * runif(nrow(df))
df$average_thickness_mm <- 2 + runif(nrow(df))
df$sum_relevance <- 1e-6 * df$`gray_matter_volume_mm^3` + 0.002 * runif(nrow(df))
run <- function() {
  df$label <- paste(df$hemisphere, df$structure_name, sep = "_")
  df$label <- gsub("left", "lh", df$label)
  df$label <- gsub("right", "rh", df$label)
  unique_labels <- unique(df$label)
  for (measure in c("gray_matter_volume_mm^3", "average_thickness_mm")) {
    res <- data.frame(label = character(), correlation = numeric())
    for (label in unique_labels) {
      subset_data <- df[df$label == label, ]
      ct <- cor.test(subset_data$sum_relevance, subset_data[[measure]])
      res <- rbind(res, data.frame(label = label, r = ct$estimate, p_value = ct$p.value, p_value_corrected = ct$p.value * length(unique_labels)))
    }
    res$significant <- ifelse(res$p_value_corrected < 0.05, "yes", "no")
  }
  nrow(res)
}
times <- replicate(5, system.time(run())[c("elapsed", "user.self")])
cat(sprintf("median wall %.3f s, CPU %.3f s over 5\n", median(times["elapsed", ]), median(times["user.self", ])))
