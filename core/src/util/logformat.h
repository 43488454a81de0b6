// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>

namespace Smollama {

/*!
    Log lines on stderr. Under systemd (JOURNAL_STREAM set) or when stderr is not a terminal,
    each line starts with a syslog priority ("<4>smollama.readings: ...") that journald turns
    into the entry's priority; on a terminal lines carry a time stamp and the level instead.
    \a verbose also shows debug messages of smollama's categories.
*/
SMOLLAMA_EXPORT void installLogFormat(bool verbose);

/*! Shows smollama's messages from \a level up: "debug", "info", "warning" or "error" (the
    configuration's log.level). Unknown levels keep "info". */
SMOLLAMA_EXPORT void setLogLevel(const QString &level);

} // namespace Smollama
