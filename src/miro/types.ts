/**
 * Friendly names for the Miro request and response types the client speaks. All of them come from the
 * types generated from the project's copy of Miro's OpenAPI description (src/miro/openapi/), so a
 * misspelt field or an unknown enum value in a request body is a compile error.
 */
import type { components, operations } from './openapi/types.js';

type Schemas = components['schemas'];

export type Board = Schemas['BoardWithLinks'];
/** Body of create-board: `name` (1..60 chars), `description`, `teamId`, `projectId`, `policy`. */
export type BoardCreate = Schemas['BoardChanges'];

/** An item as the items listing returns it (shapes, texts, frames… all in one shape). */
export type Item = Schemas['GenericItem'];
/** Item types the items listing can be filtered by. */
export type ItemType = NonNullable<NonNullable<operations['get-items']['parameters']['query']>['type']>;
/** Where an item's position refers to: its parent frame, when it has one. */
export type ItemPositionUpdate = Schemas['GenericItemUpdate'];

/** One item of a bulk create (1 to 20 per call; the client chunks longer lists). */
export type BulkItemCreate = Schemas['ItemCreate'];
/** An item as bulk create returns it. */
export type BulkCreatedItem = Schemas['Item'];

export type ShapeCreate = Schemas['ShapeCreateRequest'];
export type ShapeUpdate = Schemas['ShapeUpdateRequest'];
export type ShapeItem = Schemas['ShapeItem'];

export type TextCreate = Schemas['TextCreateRequest'];
export type TextUpdate = Schemas['TextUpdateRequest'];
export type TextItem = Schemas['TextItem'];

export type FrameCreate = Schemas['FrameCreateRequest'];
export type FrameUpdate = Schemas['FrameUpdateRequest'];
export type FrameItem = Schemas['FrameItem'];

export type Connector = Schemas['ConnectorWithLinks'];
export type ConnectorCreate = Schemas['ConnectorCreationData'];
export type ConnectorUpdate = Schemas['ConnectorChangesData'];
