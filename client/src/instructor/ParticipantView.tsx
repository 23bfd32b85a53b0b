import type { Scenario } from '@isms/shared';
import { BoardScreen } from '../board/BoardScreen';
import { BoardRuntime } from '../store/boardRuntime';
import { useOwned } from '../common/useOwned';

/**
 * A group's board exactly as its members see it (P's participant board), opened with the
 * instructor's token: the instructor can place, move and edit cards with the same palette,
 * drag and drop and SoA tab. Lazy-loaded by GroupTab, so the console does not carry the board
 * code until it is used.
 */
export default function ParticipantView(props: {
  workshopId: string;
  workshopTitle: string;
  groupId: string;
  groupName: string;
  token: string;
  scenario: Scenario;
}) {
  const { workshopId, workshopTitle, groupId, groupName, token, scenario } = props;
  const runtime = useOwned({
    key: [workshopId, workshopTitle, groupId, groupName, token, scenario.id].join('\n'),
    create: () =>
      new BoardRuntime(
        {
          token,
          // The console renews nothing here: the instructor token outlives a session.
          expiresAt: Number.MAX_SAFE_INTEGER,
          workshopId,
          groupId,
          groupName,
          workshopTitle,
          scenarioId: scenario.id,
          name: '講師',
        },
        scenario,
      ),
  });
  return runtime ? <BoardScreen runtime={runtime} embedded /> : null;
}
