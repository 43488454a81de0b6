// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QString>

namespace Smollama::Internal {

// (Values are written by Smollama::ValueFormatter, core/src/util/valueformatter.h, which the
// CLI shares.)

/*! "ok", "stale", "error", or "none" for a source without a reading yet. */
QString qualityKey(const Reading &reading);

} // namespace Smollama::Internal
