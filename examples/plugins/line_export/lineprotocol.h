// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QByteArray>
#include <QString>

namespace LineExport {

/*!
    One reading as a line of InfluxDB line protocol:

        <measurement>,node=<node>,source=<source>[,unit=<unit>],quality=<q> value=<v> <ns>

    Numbers are floats (value=24.5), bools true/false, strings quoted. An error reading has
    error="<message>" instead of value. Commas, spaces and '=' in tags are escaped with a
    backslash, as the protocol wants; the timestamp is in nanoseconds since the epoch.
*/
QByteArray line(const QString &measurement, const Smollama::Reading &reading);

/*! \a text escaped as a tag key or value (',', '=' and ' ' get a backslash). */
QString escapeTag(const QString &text);

} // namespace LineExport
