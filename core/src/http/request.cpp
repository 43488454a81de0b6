// SPDX-License-Identifier: GPL-3.0-or-later
#include "request.h"

namespace Smollama::Http {

QByteArray Request::value(QByteArrayView name) const
{
    for (const auto &h : m_headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return QByteArray();
}

int Request::count(QByteArrayView name) const
{
    int n = 0;
    for (const auto &h : m_headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0) {
            ++n;
        }
    }
    return n;
}

bool Request::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const auto &h : m_headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) != 0) {
            continue;
        }
        for (const QByteArray &part : h.second.split(',')) {
            if (QByteArrayView(part.trimmed()).compare(token, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
    }
    return false;
}

bool Request::keepAlive() const
{
    if (hasToken("Connection", "close")) {
        return false;
    }
    return m_minor >= 1 || hasToken("Connection", "keep-alive");
}

} // namespace Smollama::Http
