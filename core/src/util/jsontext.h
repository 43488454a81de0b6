// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonValue>
#include <QString>

namespace Smollama {

/*! \a value on one line as a person reads it: objects and arrays as compact JSON, strings
    without quotes, numbers, true/false and null as written. Used wherever a tool call's
    arguments or result are shown (the CLI's ask, the dashboard's agent page). */
SMOLLAMA_EXPORT QString compactJsonText(const QJsonValue &value);

} // namespace Smollama
