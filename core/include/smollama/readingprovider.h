// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/sourceinfo.h>

#include <QList>
#include <QtPlugin>

namespace Smollama {

/*!
    Something that produces readings when polled.

    The host calls read() at the instance's interval on the instance's own worker thread, so a
    slow bus read never blocks the user interface. Push sources (edges, events) publish
    through PluginContext::publish() in addition.
*/
class ReadingProvider
{
public:
    virtual ~ReadingProvider() = default;

    /*! The sources this instance produces; valid after setup(). Ids are local ("cpu_temp"). */
    virtual QList<SourceInfo> sources() const = 0;

    /*! Reads every source once and returns one reading per source, with the local id as the
        reading's source. A source that cannot be read gives Reading::error() with the reason;
        never a made-up value. */
    virtual QList<Reading> read() = 0;
};

} // namespace Smollama

#define SMOLLAMA_READING_PROVIDER_IID "org.smollama.ReadingProvider/1"
Q_DECLARE_INTERFACE(Smollama::ReadingProvider, SMOLLAMA_READING_PROVIDER_IID)
