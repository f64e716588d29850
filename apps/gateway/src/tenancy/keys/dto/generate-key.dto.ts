import { KeyFieldsDto } from './key-fields.dto';

export class GenerateKeyDto extends KeyFieldsDto {}
