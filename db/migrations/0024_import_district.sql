-- An import made by an account limited to a district (issue #20) is checked against that district:
-- its rows must lie inside it and name it in their codes; a boundary file may set its outline only.
ALTER TABLE "imports" ADD COLUMN "district_code" text;
