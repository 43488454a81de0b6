// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Smollama {

/*!
    Describes one source a ReadingProvider produces, so the dashboard, the agent and
    `smollama-cli readings` can list it before its first value arrives.
*/
struct SourceInfo
{
    /*! The local id, unique within the instance: lower-case letters, digits and '_'
        ("cpu_temp"). The host prefixes the instance name ("system:cpu_temp"). */
    QString id;
    /*! A short human label ("CPU temperature"). */
    QString label;
    /*! The unit, from the vocabulary documented at Reading. */
    QString unit;
    /*! A sentence for people and for the agent ("Temperature of the SoC's thermal zone"). */
    QString description;
};

} // namespace Smollama
