// report.md: the report's tables in Markdown (GitHub's flavour), for a pull
// request or a wiki: the settings, a summary table of every case, then per
// bug the figures, the verdicts with the oracle's explanation, compare()
// verdicts, the top waiting sites and any diagnostics. No charts: the HTML
// report draws them.
#pragma once

#include <string>

#include "report_results.h"

namespace locklab::cli {

std::string report_markdown(const ReportResults& results);

}  // namespace locklab::cli
