// SPDX-License-Identifier: GPL-3.0-or-later
#include "valueformat.h"

namespace Smollama::Internal {

QString qualityKey(const Reading &reading)
{
    if (!reading.isValid()) {
        return QStringLiteral("none");
    }
    return Reading::qualityName(reading.quality());
}

} // namespace Smollama::Internal
