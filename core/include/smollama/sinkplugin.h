// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/readingsink.h>

namespace Smollama {

/*!
    A plugin instance that consumes readings: the Plugin lifecycle plus ReadingSink (SDK 1.1).
    Declare Q_INTERFACES(Smollama::Plugin Smollama::ReadingSink) and "type": "sink" in the
    manifest. A plugin may combine roles: a bridge that also publishes readings derives from
    Plugin, ReadingProvider (or publishes through its context) and ReadingSink.
*/
class SinkPlugin : public Plugin, public ReadingSink
{
};

} // namespace Smollama
