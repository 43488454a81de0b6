// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QString>
#include <QVariant>

namespace Smollama::Internal {

/*! The value of \a reading as the dashboard shows it: a number with as many decimals as its
    size deserves (21.4, 3.72, 1024), "on"/"off" for a bool, the text of a string, and "—" for
    a reading without a value. In the user's locale. */
QString formatValue(const QVariant &value);

/*! "ok", "stale", "error", or "none" for a source without a reading yet. */
QString qualityKey(const Reading &reading);

} // namespace Smollama::Internal
