<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!-- English plural forms only (Qt's "-pluralonly" catalogue): "%n value(s)" reads "1 value",
     "7 values". Kept by hand: add a text here when its English plural is shown to people. -->
<TS version="2.1" language="en">
<context>
    <name>DetailPage</name>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FleetPage</name>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n source</numerusform>
            <numerusform>%n sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeRuntime</name>
    <message numerus="yes">
        <source>%n agent rule(s) watch the readings</source>
        <translation>
            <numerusform>%n agent rule watches the readings</numerusform>
            <numerusform>%n agent rules watch the readings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%n more below</source>
        <translation>
            <numerusform>%n more below</numerusform>
            <numerusform>%n more below</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PluginManager</name>
    <message numerus="yes">
        <source>%1; %n failed attempt(s), next attempt at %2 (in %3 s)</source>
        <translation>
            <numerusform>%1; %n failed attempt, next attempt at %2 (in %3 s)</numerusform>
            <numerusform>%1; %n failed attempts, next attempt at %2 (in %3 s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%1, %n crash(es) so far)</source>
        <translation>
            <numerusform> (%1, %n crash so far)</numerusform>
            <numerusform> (%1, %n crashes so far)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n crash(es) so far)</source>
        <translation>
            <numerusform> (%n crash so far)</numerusform>
            <numerusform> (%n crashes so far)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plugin instance %1 publishes more than %2 readings/s; %n reading(s) dropped since the last report (limit: readings.max_readings_per_s)</source>
        <translation>
            <numerusform>Plugin instance %1 publishes more than %2 readings/s; %n reading dropped since the last report (limit: readings.max_readings_per_s)</numerusform>
            <numerusform>Plugin instance %1 publishes more than %2 readings/s; %n readings dropped since the last report (limit: readings.max_readings_per_s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1 (%2 %3) after %n failed setup attempt(s)</source>
        <translation>
            <numerusform>Loaded %1 (%2 %3) after %n failed setup attempt</numerusform>
            <numerusform>Loaded %1 (%2 %3) after %n failed setup attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SmollamaCli</name>
    <message numerus="yes">
        <source> (%n warning(s))</source>
        <translation>
            <numerusform> (%n warning)</numerusform>
            <numerusform> (%n warnings)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s)</source>
        <translation>
            <numerusform>%1: %n error</numerusform>
            <numerusform>%1: %n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s): %1</source>
        <translation>
            <numerusform>%n entry: %1</numerusform>
            <numerusform>%n entries: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) of the gap are no longer kept by smollama (http.event_replay_size) and are not shown</source>
        <translation>
            <numerusform>%n event of the gap is no longer kept by smollama (http.event_replay_size) and is not shown</numerusform>
            <numerusform>%n events of the gap are no longer kept by smollama (http.event_replay_size) and are not shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ToolRegistry</name>
    <message numerus="yes">
        <source>source &apos;%1&apos; is not one of this node&apos;s; %n node(s) have it (%2): give the node too.</source>
        <translation>
            <numerusform>source &apos;%1&apos; is not one of this node&apos;s; %n node has it (%2): give the node too.</numerusform>
            <numerusform>source &apos;%1&apos; is not one of this node&apos;s; %n nodes have it (%2): give the node too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smollama</name>
    <message numerus="yes">
        <source>Running headless with %n plugin instance(s); stop with SIGTERM or Ctrl+C</source>
        <translation>
            <numerusform>Running headless with %n plugin instance; stop with SIGTERM or Ctrl+C</numerusform>
            <numerusform>Running headless with %n plugin instances; stop with SIGTERM or Ctrl+C</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the dashboard with %n plugin instance(s); close the window or stop with SIGTERM or Ctrl+C</source>
        <translation>
            <numerusform>Showing the dashboard with %n plugin instance; close the window or stop with SIGTERM or Ctrl+C</numerusform>
            <numerusform>Showing the dashboard with %n plugin instances; close the window or stop with SIGTERM or Ctrl+C</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PluginHost</name>
    <message numerus="yes">
        <source>%1; %n crash(es) within 5 minutes: not started again until smollama restarts</source>
        <translation>
            <numerusform>%1; %n crash within 5 minutes: not started again until smollama restarts</numerusform>
            <numerusform>%1; %n crashes within 5 minutes: not started again until smollama restarts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1; started again in %2 s (%n crash(es) so far)</source>
        <translation>
            <numerusform>%1; started again in %2 s (%n crash so far)</numerusform>
            <numerusform>%1; started again in %2 s (%n crashes so far)</numerusform>
        </translation>
    </message>
</context>
</TS>
