// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>

namespace Smollama {

/*!
    \a path with a leading "~" or "~/" replaced by the home folder; every other path (also
    "~user/...") unchanged (SDK 1.1). The rule smollama applies to the paths in its own
    configuration; a plugin applies it to the file paths in its config so that users can write
    them the same way.
*/
SMOLLAMA_EXPORT QString expandHome(const QString &path);

} // namespace Smollama
