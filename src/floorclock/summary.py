"""A plain-text summary of an agenda, as ``floorclock check`` prints it."""

from __future__ import annotations

from floorclock.core.agenda import Agenda, Session, format_duration
from floorclock.core.timing import amber_seconds

_FORMATS = {"in_person": "in person", "hybrid": "hybrid (in the room and online)"}
_MODES = {"room": "in the room", "online": "online", "video": "video statement"}


def format_summary(agenda: Agenda) -> str:
    """The meeting, its sessions with times and floors, categories and inscribed speakers."""
    meeting = agenda.meeting
    defaults = agenda.defaults
    lines = [meeting.title]
    if meeting.mandate:
        lines.append(f"  Mandate:    {meeting.mandate}")
    lines.append(f"  Date:       {meeting.date:%A %d %B %Y}, times in {meeting.timezone}")
    if meeting.venue:
        lines.append(f"  Venue:      {meeting.venue}")
    lines.append(f"  Format:     {_FORMATS.get(meeting.format, meeting.format)}")
    if meeting.languages:
        lines.append(f"  Languages:  {', '.join(meeting.languages)}")
    lines.append(
        f"  Defaults:   {format_duration(defaults.speaking_time)} per speaker, amber "
        f"{format_duration(amber_seconds(defaults.speaking_time, defaults.warning))} before the"
        f" end, order by {defaults.ordering}, "
        f"{defaults.frozen_top} next speaker(s) kept in place"
    )
    lines.append("")
    lines.append(f"Sessions ({len(agenda.sessions)}):")
    for session in agenda.sessions:
        lines.extend(_session_lines(agenda, session))
    lines.append("")
    lines.append("Categories, in order of precedence:")
    for position, category in enumerate(agenda.categories, start=1):
        state = " (States for alternate ordering)" if category.is_state else ""
        lines.append(
            f"  {position}. {category.name} [{category.label}, {category.colour}]"
            f" id {category.id}{state}"
        )
    total = sum(len(session.speakers) for session in agenda.sessions)
    lines.append("")
    lines.append(f"Pre-inscribed speakers: {total or 'none'}")
    return "\n".join(lines)


def _session_lines(agenda: Agenda, session: Session) -> list[str]:
    lines = [
        f"  {session.start:%H:%M}-{session.end:%H:%M}  {session.title}  "
        f"[{session.kind}, id {session.id}]"
    ]
    if session.moderator:
        lines.append(f"      Moderator: {session.moderator}")
    for panelist in session.panelists:
        role = f", {panelist.role}" if panelist.role else ""
        talk = (
            f" ({format_duration(panelist.presentation_time)})"
            if panelist.presentation_time
            else ""
        )
        lines.append(f"      Panelist: {panelist.name}{role}{talk}")
    if session.floor is not None:
        allowed = (
            ", ".join(session.floor.categories) if session.floor.categories else "all categories"
        )
        lines.append(
            f"      Floor: up to {format_duration(session.floor.budget)}, "
            f"{format_duration(agenda.floor_speaking_time(session.id))} per speaker ({allowed})"
        )
    if session.concluding_remarks:
        lines.append(f"      Concluding remarks: {format_duration(session.concluding_remarks)}")
    for position, speaker in enumerate(session.speakers, start=1):
        details = [agenda_label(agenda, speaker.category), _MODES[speaker.mode]]
        if speaker.delegation:
            details.insert(0, speaker.delegation)
        if speaker.group:
            details.append(f"on behalf of {speaker.group}")
        if speaker.time_limit:
            details.append(format_duration(speaker.time_limit))
        lines.append(f"      {position:>2}. {speaker.name} ({', '.join(details)})")
    return lines


def agenda_label(agenda: Agenda, category_id: str) -> str:
    """The short label of a category, or its id when it is not defined."""
    try:
        return agenda.category(category_id).label
    except KeyError:
        return category_id
