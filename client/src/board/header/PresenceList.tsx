import { useT } from '../../i18n';
import { usePresence } from '../context';

/** Most avatars shown before "+N": five fit a phone header next to the status. */
const MAX_AVATARS = 5;

/** Who is on the board now: coloured initials, names on hover and for screen readers. */
export function PresenceList() {
  const members = usePresence((list) => list);
  const t = useT();
  const shown = members.slice(0, MAX_AVATARS);
  return (
    <div className="presence" aria-label={t('board.members')} role="group">
      <ul className="presence__list">
        {shown.map((member) => {
          const name = `${member.name}${member.self ? t('board.you') : ''}`;
          return (
            <li
              key={member.clientId}
              className="avatar"
              style={{ background: member.color }}
              title={name}
              aria-label={name}
            >
              {Array.from(member.name)[0]}
            </li>
          );
        })}
      </ul>
      {members.length > MAX_AVATARS && (
        <span className="presence__more">+{members.length - MAX_AVATARS}</span>
      )}
      <span className="presence__count">{members.length}</span>
    </div>
  );
}
