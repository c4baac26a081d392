/**
 * Schema frames: when a diagram spans several schemas, each schema's tables are laid out together and
 * enclosed in a frame with a margin and a title band; frames are then packed without overlapping.
 */
import { FRAME_PADDING, FRAME_TITLE_BAND } from '../spacing.js';

/**
 * The largest frame that fits a 1920x1080 screen at a zoom where 14-unit text is 10 px high (zoom 10/14:
 * 2,688 x 1,512), less a few units against rounding: subject areas are cut to fit it.
 */
export const MAX_FRAME = { width: 2680, height: 1505 };

/** Outer size of a frame around content of the given size. */
export function frameSize(contentWidth: number, contentHeight: number): { width: number; height: number } {
  return { width: contentWidth + 2 * FRAME_PADDING, height: contentHeight + FRAME_TITLE_BAND + FRAME_PADDING };
}

/** Offset of the content's origin inside its frame. */
export const FRAME_CONTENT_OFFSET = { x: FRAME_PADDING, y: FRAME_TITLE_BAND };

/** The content a frame of MAX_FRAME holds. */
export const MAX_FRAME_CONTENT = { width: MAX_FRAME.width - 2 * FRAME_PADDING, height: MAX_FRAME.height - FRAME_TITLE_BAND - FRAME_PADDING };
