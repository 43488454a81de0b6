// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>

namespace Smollama {

/*!
    The name rule (SDK 1.1): plugin names, instance names, tool names and the names a plugin gives
    its readings, pins or registers are lower-case letters, digits and '_', starting with a letter
    ("greenhouse", "relay_1").

    The rule is the manifest schema's (the "name" property's "pattern"); these functions read it
    from there, so the schema stays its only source.
*/

/*! The rule as a regular expression, `^[a-z][a-z0-9_]*$`, for messages that show it. */
SMOLLAMA_EXPORT QString namePattern();

/*! True when \a name follows the name rule (namePattern()). */
SMOLLAMA_EXPORT bool isValidName(const QString &name);

/*! True when \a name may be a plugin's name: it follows the name rule and is not longer than
    the manifest schema allows (its "maxLength"). */
SMOLLAMA_EXPORT bool isValidPluginName(const QString &name);

} // namespace Smollama
