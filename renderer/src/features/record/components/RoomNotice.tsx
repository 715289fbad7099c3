import { CircleCheck, Volume1, Waves } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { RoomCheck } from '../../../../../shared/audio/room';
import { TEST_IDS } from '../../../../../shared/testids';

/**
 * What the count-in heard of the room, said before the user starts reading, and a quiet voice
 * pointed out in the first seconds of the take.
 */
export function RoomNotice({ room, quietInput }: { room: RoomCheck | null; quietInput: boolean }) {
  const { t } = useTranslation('record');
  if (!room && !quietInput) return null;
  const noisy = room?.verdict === 'noisy';
  return (
    <div
      className={`callout ${noisy || quietInput ? 'warning' : 'success'} room-notice`}
      role="status"
      data-testid={TEST_IDS.recordRoom}
      data-room={room?.verdict}
      data-quiet-input={quietInput ? 'true' : undefined}
    >
      {noisy ? <Waves size={18} aria-hidden /> : quietInput ? <Volume1 size={18} aria-hidden /> : <CircleCheck size={18} aria-hidden />}
      <div className="callout-body">
        {room && <strong>{t(`recorder.room.${room.verdict}`, { floorDb: room.floorDb })}</strong>}
        {noisy && <span>{t('recorder.room.noisyFix')}</span>}
        {quietInput && (
          <>
            <strong>{t('recorder.room.quietInput')}</strong>
            <span>{t('recorder.room.quietInputFix')}</span>
          </>
        )}
      </div>
    </div>
  );
}
