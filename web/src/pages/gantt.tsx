import { useRef, useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { formats, milestoneName, t } from '../i18n';

/** A name as the chart's label column holds it: 30 characters at most. */
const shortName = (name: string) => (name.length > 30 ? `${name.slice(0, 29)}…` : name);

type Schedule = Schemas['Schedule'];
type Milestone = Schemas['Milestone'];

const dayMs = 86_400_000;
const dayWidth = 18;
const rowHeight = 30;
const labelWidth = 230;
const headerHeight = 38;

const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number) =>
  new Date(time(date) + days * dayMs).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((time(to) - time(from)) / dayMs);

/**
 * A date `n` working days away on the client's calendar (the schedule's own non-working days): a
 * move by keyboard lands where a drag would. The API still plans the dates; this only picks a start.
 */
export function shiftWorkingDays(date: string, n: number, nonWorking: ReadonlySet<string>): string {
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, Math.sign(n));
    if (!nonWorking.has(day)) left--;
  }
  return day;
}

export function nextWorkingDay(date: string, nonWorking: ReadonlySet<string>): string {
  let day = date;
  while (nonWorking.has(day)) day = addDays(day, 1);
  return day;
}

/** The days the chart spans: every date of the schedule, its baseline and today, with a margin. */
function span(schedule: Schedule, preview?: Schedule) {
  const dates = [schedule.today, schedule.startDate, schedule.endDate];
  for (const s of preview ? [schedule, preview] : [schedule])
    for (const m of s.milestones)
      dates.push(m.start, m.due, ...(m.baseline ? [m.baseline.start, m.baseline.due] : []));
  dates.sort();
  return { from: addDays(dates[0]!, -3), to: addDays(dates[dates.length - 1]!, 7) };
}

/**
 * A job's schedule as a Gantt chart: bars from start to due (critical ones marked), the baseline
 * under them, client-waiting time shaded, dependencies as arrows, non-working days greyed and a
 * line for today. A previewed change is drawn as outlines. Dragging a bar (where the reader may move
 * or propose) reports the new start; everything the chart shows is also in the milestone table,
 * where the keyboard does the same.
 */
export function Gantt(props: {
  schedule: Schedule;
  preview?: Schedule;
  canDrag: (m: Milestone) => boolean;
  onDrop: (milestone: Milestone, start: string) => void;
}) {
  const { schedule, preview } = props;
  const { from, to } = span(schedule, preview);
  const days = daysBetween(from, to) + 1;
  const width = labelWidth + days * dayWidth;
  const height = headerHeight + schedule.milestones.length * rowHeight + 8;
  const nonWorking = new Set(schedule.calendar.nonWorkingDays);
  const x = (date: string) => labelWidth + daysBetween(from, date) * dayWidth;
  const row = new Map(schedule.milestones.map((m, i) => [m.milestoneId, i]));
  const y = (milestoneId: string) => headerHeight + (row.get(milestoneId) ?? 0) * rowHeight;
  const critical = new Set(schedule.criticalPath);
  const previewed = new Map(preview?.milestones.map((m) => [m.milestoneId, m]));

  const [drag, setDrag] = useState<{ id: string; startX: number; dx: number }>();
  const svg = useRef<SVGSVGElement>(null);
  const dragDays = drag ? Math.round(drag.dx / dayWidth) : 0;

  const allDays = Array.from({ length: days }, (_, i) => addDays(from, i));
  const months = allDays.filter((d, i) => i === 0 || d.endsWith('-01'));

  return (
    <div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region takes focus so arrow keys scroll a wide chart */}
      <section class="gantt-scroll" tabIndex={0} aria-label={t('gantt.region')}>
        <svg
          ref={svg}
          class={`gantt${drag ? ' dragging' : ''}`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={t('gantt.label', {
            count: schedule.milestones.length,
            start: formats.date(schedule.startDate),
            end: formats.date(schedule.endDate),
          })}
          onPointerMove={(e) => drag && setDrag({ ...drag, dx: e.clientX - drag.startX })}
          onPointerUp={() => {
            if (!drag) return;
            const m = schedule.milestones.find((item) => item.milestoneId === drag.id);
            setDrag(undefined);
            if (m && dragDays !== 0) props.onDrop(m, nextWorkingDay(addDays(m.start, dragDays), nonWorking));
          }}
          onPointerLeave={() => setDrag(undefined)}
        >
          <defs>
            <marker
              id="gantt-arrow"
              viewBox="0 0 6 6"
              refX="6"
              refY="3"
              markerWidth="6"
              markerHeight="6"
              orient="auto"
            >
              <path d="M0,0 L6,3 L0,6 z" class="gantt-arrowhead" />
            </marker>
            <pattern
              id="gantt-client"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="3" height="6" class="gantt-client-stripe" />
            </pattern>
          </defs>
          {allDays.map((d) =>
            nonWorking.has(d) ? (
              <rect
                key={d}
                class="gantt-off"
                x={x(d)}
                y={headerHeight}
                width={dayWidth}
                height={height - headerHeight}
              />
            ) : null,
          )}
          {months.map((d) => (
            <text key={`m${d}`} class="gantt-month" x={x(d) + 2} y={14}>
              {formats.monthYear(d)}
            </text>
          ))}
          {allDays.map((d) =>
            new Date(time(d)).getUTCDay() === 1 ? (
              <g key={`w${d}`}>
                <line class="gantt-week" x1={x(d)} x2={x(d)} y1={headerHeight - 14} y2={height} />
                <text class="gantt-day" x={x(d) + 2} y={headerHeight - 4}>
                  {formats.dayOfMonth(d)}
                </text>
              </g>
            ) : null,
          )}
          {schedule.milestones.map((m, i) => (
            <text key={`l${m.milestoneId}`} class="gantt-name" x={6} y={headerHeight + i * rowHeight + 19}>
              {shortName(milestoneName(m))}
            </text>
          ))}
          {schedule.milestones.flatMap((m) =>
            m.dependsOn.map((dep) => {
              const before = schedule.milestones.find((p) => p.milestoneId === dep.milestoneId);
              if (!before) return null;
              const x1 = x(before.due) + dayWidth;
              const y1 = y(before.milestoneId) + rowHeight / 2;
              const x2 = x(m.start);
              const y2 = y(m.milestoneId) + rowHeight / 2;
              const elbow = Math.max(x1 + 4, x2 - 6);
              const onPath = critical.has(m.milestoneId) && critical.has(before.milestoneId);
              return (
                <path
                  key={`d${before.milestoneId}-${m.milestoneId}`}
                  class={`gantt-link${onPath ? ' critical' : ''}`}
                  d={`M${x1},${y1} H${elbow} V${y2} H${x2}`}
                  marker-end="url(#gantt-arrow)"
                />
              );
            }),
          )}
          {schedule.milestones.map((m) => {
            const top = y(m.milestoneId);
            const moving = drag?.id === m.milestoneId ? dragDays * dayWidth : 0;
            const next = previewed.get(m.milestoneId);
            const draggable = props.canDrag(m);
            const isPoint = m.durationDays === 0;
            const barClass = `gantt-bar${critical.has(m.milestoneId) ? ' critical' : ''}${m.status === 'done' ? ' done' : ''}${m.owner.kind === 'client' ? ' client' : ''}${draggable ? ' draggable' : ''}`;
            return (
              <g key={`b${m.milestoneId}`} data-milestone={m.milestoneId}>
                {m.baseline && (
                  <rect
                    class="gantt-baseline"
                    x={x(m.baseline.start)}
                    y={top + 22}
                    width={(daysBetween(m.baseline.start, m.baseline.due) + 1) * dayWidth}
                    height={4}
                  />
                )}
                {isPoint ? (
                  <path
                    class={barClass}
                    transform={`translate(${moving},0)`}
                    d={`M${x(m.start) + dayWidth / 2},${top + 5} l8,9 l-8,9 l-8,-9 z`}
                    onPointerDown={(e) => draggable && startDrag(e, m.milestoneId)}
                  />
                ) : (
                  <rect
                    class={barClass}
                    transform={`translate(${moving},0)`}
                    x={x(m.start)}
                    y={top + 6}
                    rx={3}
                    width={(daysBetween(m.start, m.due) + 1) * dayWidth}
                    height={15}
                    onPointerDown={(e) => draggable && startDrag(e, m.milestoneId)}
                  />
                )}
                {m.waitingSegments
                  .filter((w) => w.party === 'client')
                  .map((w) => (
                    <rect
                      key={`c${w.from}`}
                      class="gantt-waiting"
                      x={x(w.from)}
                      y={top + 6}
                      width={(daysBetween(w.from, w.to ?? schedule.today) + 1) * dayWidth}
                      height={15}
                    />
                  ))}
                {next && (next.start !== m.start || next.due !== m.due) && (
                  <rect
                    class="gantt-preview"
                    x={x(next.start)}
                    y={top + 4}
                    rx={3}
                    width={(daysBetween(next.start, next.due) + 1) * dayWidth}
                    height={19}
                  />
                )}
              </g>
            );
          })}
          <line
            class="gantt-today"
            x1={x(schedule.today) + dayWidth / 2}
            x2={x(schedule.today) + dayWidth / 2}
            y1={headerHeight - 14}
            y2={height}
          />
        </svg>
      </section>
      <ul class="gantt-legend">
        <li>
          <span class="key bar" /> {t('gantt.legendBar')}
        </li>
        <li>
          <span class="key critical" /> {t('gantt.legendCritical')}
        </li>
        <li>
          <span class="key baseline" /> {t('gantt.legendBaseline')}
        </li>
        <li>
          <span class="key waiting" /> {t('gantt.legendWaiting')}
        </li>
        <li>
          <span class="key preview" /> {t('gantt.legendPreview')}
        </li>
        <li>
          <span class="key today" /> {t('gantt.legendToday', { date: formats.date(schedule.today) })}
        </li>
        <li>
          <span class="key off" /> {t('gantt.legendOff')}
        </li>
      </ul>
    </div>
  );

  function startDrag(e: PointerEvent, id: string) {
    e.preventDefault();
    svg.current?.setPointerCapture?.(e.pointerId);
    setDrag({ id, startX: e.clientX, dx: 0 });
  }
}
